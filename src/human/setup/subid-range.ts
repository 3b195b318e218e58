import { fallbackRange, findSubidRange, subidOwner, type IdRange } from '../../host/subid.js';
import { slotSize } from '../../state/id-slots.js';

/**
 * The lines `setup docker` adds to /etc/subuid and /etc/subgid where no
 * `hardrun` range is. One range serves both files. It prefers a range that
 * one file already names, else the range hardrun falls back to without one
 * (src/host/subid.ts), so containers created before setup keep their
 * mapping; when another owner's range overlaps it, the next free
 * 65536-aligned slot above every overlap is taken.
 */
export function planSubidFiles(uidText: string, gidText: string): { range: IdRange; uid?: string; gid?: string } {
  const existing = findSubidRange(uidText, subidOwner) ?? findSubidRange(gidText, subidOwner);
  const others = [...parseRanges(uidText, subidOwner), ...parseRanges(gidText, subidOwner)];
  const range = existing ?? freeRange(others, fallbackRange.size, fallbackRange.hostID);
  const plan: { range: IdRange; uid?: string; gid?: string } = { range };
  if (findSubidRange(uidText, subidOwner) === undefined) plan.uid = appendLine(uidText, range);
  if (findSubidRange(gidText, subidOwner) === undefined) plan.gid = appendLine(gidText, range);
  return plan;
}

function appendLine(text: string, range: IdRange): string {
  const prefix = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return `${prefix}${subidOwner}:${range.hostID}:${range.size}\n`;
}

/** Every `owner:start:count` range in the file but those of `except`. */
export function parseRanges(text: string, except?: string): IdRange[] {
  const ranges: IdRange[] = [];
  for (const line of text.split('\n')) {
    const [owner, start, count] = line.trim().split(':');
    if (owner === except) continue;
    const hostID = Number(start);
    const size = Number(count);
    if (Number.isSafeInteger(hostID) && Number.isSafeInteger(size) && size > 0) ranges.push({ hostID, size });
  }
  return ranges;
}

/** The first `size` ids at or above `start`, on a container slot's boundary, that overlap none of `taken`. */
export function freeRange(taken: readonly IdRange[], size: number, start: number): IdRange {
  let candidate = start;
  for (;;) {
    const clash = taken.find(range => range.hostID < candidate + size && candidate < range.hostID + range.size);
    if (clash === undefined) return { hostID: candidate, size };
    candidate = Math.ceil((clash.hostID + clash.size) / slotSize) * slotSize;
    // uid_t is 32 bits and (uid_t)-1 is reserved.
    if (candidate + size > 0xffff_ffff) throw new Error(`no free range of ${size} ids is left in the subordinate id files`);
  }
}
