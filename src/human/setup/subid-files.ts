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

/** The --dry-run view of deleting a file: its lines, all removed. */
export function printRemoval(path: string): void {
  process.stdout.write(unifiedDiff(path, readOptional(path), undefined));
}

/** What --remove says of the id range: kept, because files and running containers may hold ids in it. */
export function keptSubidRangeLine(uidFile: string, gidFile: string): string {
  return `subordinate ids: the hardrun range stays in ${uidFile} and ${gidFile} (files that containers wrote, and running containers, keep ids from it); delete the "hardrun:" lines by hand once nothing uses them`;
}

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
