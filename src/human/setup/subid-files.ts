import { readOptional, replaceFile } from './files.js';
import { slotSize } from '../../state/id-slots.js';
import { planSubidFiles } from './subid-range.js';
import { unifiedDiff } from './text-diff.js';

/** Writes a file's new text, or (for --dry-run) only shows it. */
export type FileWriter = (path: string, text: string) => void;

/** The writer of `setup --dry-run`: a unified diff on stdout, nothing written. */
export const printDiff: FileWriter = (path, text) => {
  process.stdout.write(unifiedDiff(path, readOptional(path), text));
};

/**
 * Adds the `hardrun` line to the subordinate id files where it is missing
 * (written atomically; other lines untouched). hardrun's create reads these
 * lines for the user-namespace mapping.
 */
export function ensureSubidRanges(uidFile: string, gidFile: string, say: (line: string) => void, write: FileWriter = replaceFile): void {
  const plan = planSubidFiles(readOptional(uidFile) ?? '', readOptional(gidFile) ?? '');
  const line = `hardrun:${plan.range.hostID}:${plan.range.size}`;
  if (plan.uid !== undefined) write(uidFile, plan.uid);
  if (plan.gid !== undefined) write(gidFile, plan.gid);
  const added = [plan.uid === undefined ? undefined : uidFile, plan.gid === undefined ? undefined : gidFile].filter(Boolean);
  const holds = `host ids of their own for ${Math.floor(plan.range.size / slotSize)} containers at once`;
  say(added.length === 0 ? `subordinate ids: ${line} is already in ${uidFile} and ${gidFile} (${holds})` : `subordinate ids: added ${line} to ${added.join(' and ')} (${holds})`);
}
