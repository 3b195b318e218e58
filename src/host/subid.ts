import { readFileSync } from 'node:fs';

/** A range of host ids: container id 0 maps to `hostID`. */
export interface IdRange {
  readonly hostID: number;
  readonly size: number;
}

/** The owner name hardrun's ranges are filed under in /etc/subuid and /etc/subgid. */
export const subidOwner = 'hardrun';

/**
 * Used when /etc/subuid names no hardrun range and the policy names none:
 * the top of the range systemd reserves for containers (524288 to
 * 1879048191), far from the 100000s that useradd hands out. It holds 4096
 * containers of 65536 ids each.
 */
export const fallbackRange: IdRange = { hostID: 1_610_612_736, size: 4096 * 65_536 };

/** The first `owner:start:count` line of a subuid/subgid file, if any. */
export function findSubidRange(text: string, owner: string): IdRange | undefined {
  for (const line of text.split('\n')) {
    const [name, start, count] = line.trim().split(':');
    if (name !== owner || start === undefined || count === undefined) continue;
    const hostID = Number(start);
    const size = Number(count);
    if (Number.isSafeInteger(hostID) && Number.isSafeInteger(size) && hostID > 0 && size > 0) return { hostID, size };
  }
  return undefined;
}

export function readSubidRange(file: string, owner: string = subidOwner): IdRange | undefined {
  try {
    return findSubidRange(readFileSync(file, 'utf8'), owner);
  } catch {
    return undefined;
  }
}

/** hardrun's pool of host ids on this host: the hardrun lines of /etc/subuid and /etc/subgid, else the fallback. */
export function hostIdPool(): { readonly uids: IdRange; readonly gids: IdRange } {
  return { uids: readSubidRange('/etc/subuid') ?? fallbackRange, gids: readSubidRange('/etc/subgid') ?? fallbackRange };
}
