import { readOptional, replaceFile } from './files.js';
import { slotSize } from '../../state/id-slots.js';
import { planSubidFiles } from './subid-range.js';

/**
 * Adds the `hardrun` line to the subordinate id files where it is missing
 * (written atomically; other lines untouched). hardrun's create reads these
 * lines for the user-namespace mapping.
 */
export function ensureSubidRanges(uidFile: string, gidFile: string, say: (line: string) => void): void {
  const plan = planSubidFiles(readOptional(uidFile) ?? '', readOptional(gidFile) ?? '');
  const line = `hardrun:${plan.range.hostID}:${plan.range.size}`;
  if (plan.uid !== undefined) replaceFile(uidFile, plan.uid);
  if (plan.gid !== undefined) replaceFile(gidFile, plan.gid);
  const added = [plan.uid === undefined ? undefined : uidFile, plan.gid === undefined ? undefined : gidFile].filter(Boolean);
  const holds = `host ids of their own for ${Math.floor(plan.range.size / slotSize)} containers at once`;
  say(added.length === 0 ? `subordinate ids: ${line} is already in ${uidFile} and ${gidFile} (${holds})` : `subordinate ids: added ${line} to ${added.join(' and ')} (${holds})`);
}
