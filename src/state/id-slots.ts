import { lstatSync, readdirSync, readlinkSync, rmdirSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { HardrunError, isErrno } from '../errors.js';
import { directoryModes, ensureOwnDirectory, makeDirectory, runDir } from '../host/directories.js';
import type { IdRange } from '../host/subid.js';

/**
 * Every container under hardrun's user namespace gets host ids of its own:
 * a slot of 65536 uids and gids cut from hardrun's subordinate range (the
 * pool), so that a process escaping one container is no other container's
 * root. A slot is claimed by making the directory `<dir>/<first host uid>`
 * (mkdir(2) fails on an existing name, so two concurrent creates never get
 * the same slot) and in it an entry named for the container, a symlink to
 * its record. `delete` removes the entry and the directory with the record:
 * `rm -d` of the directory fails while another container's entry is in it,
 * so a delete can only ever free its own container's slot.
 */
export const slotSize = 65_536;
export const claimsDir = `${runDir}/ids`;

/** How long a claim is trusted while its container's backend state does not exist yet (a create in progress). */
const creatingGraceMs = 60_000;

export interface IdPool {
  readonly uids: IdRange;
  readonly gids: IdRange;
}

export interface Slot {
  readonly uids: IdRange;
  readonly gids: IdRange;
}

export function slotCount(pool: IdPool): number {
  return Math.floor(Math.min(pool.uids.size, pool.gids.size) / slotSize);
}

export function slotAt(pool: IdPool, index: number): Slot {
  return {
    uids: { hostID: pool.uids.hostID + index * slotSize, size: slotSize },
    gids: { hostID: pool.gids.hostID + index * slotSize, size: slotSize },
  };
}

/** The first host uids of the claimed slots. */
export function claimedStarts(dir: string = claimsDir): Set<number> {
  try {
    return new Set(readdirSync(dir).filter(name => /^[0-9]+$/.test(name)).map(Number));
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return new Set();
    throw slotError(error);
  }
}

/**
 * A free slot of the pool, not in `skip`, from a random place on, so that
 * concurrent creates rarely race for the same one; undefined when all are
 * claimed.
 */
export function pickSlot(pool: IdPool, claimed: ReadonlySet<number>, skip: ReadonlySet<number> = new Set(), random: number = Math.random()): Slot | undefined {
  const count = slotCount(pool);
  const start = Math.floor(random * count);
  for (let step = 0; step < count; step += 1) {
    const slot = slotAt(pool, (start + step) % count);
    if (!claimed.has(slot.uids.hostID) && !skip.has(slot.uids.hostID)) return slot;
  }
  return undefined;
}

export function claimPath(slot: Slot, dir: string = claimsDir): string {
  return `${dir}/${slot.uids.hostID}`;
}

/**
 * Claims a slot for a container: `name` (its staging directory's name, which
 * its root and id make unique) inside the slot's directory, a symlink to
 * its record `owner`. False when another create got the slot first.
 */
export function claimSlot(slot: Slot, name: string, owner: string, dir: string = claimsDir): boolean {
  const claim = claimPath(slot, dir);
  try {
    // The claims' directory is root's; the one above it a container walks through to its staging.
    if (dir === claimsDir) ensureOwnDirectory(runDir, directoryModes.traversable);
    ensureOwnDirectory(dir, directoryModes.private, true);
    if (!makeDirectory(claim, directoryModes.private)) return false;
  } catch (error) {
    throw slotError(error);
  }
  // False when the directory went between the two calls: a delete's rm -d
  // took an empty claim (a create killed before its entry). Try another slot.
  return joinSlot(claim, name, owner);
}

/**
 * Adds a container of a pod to its sandbox's claim: its entry beside the
 * sandbox's, so that the slot is freed only when the last of them is
 * deleted (a delete's `rm -d` of the claim fails while another entry is
 * there). False when the claim is gone: the sandbox was deleted first.
 */
export function joinSlot(claim: string, name: string, owner: string): boolean {
  try {
    symlinkSync(owner, `${claim}/${name}`);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw slotError(error);
  }
}

/** Frees the slot `claim` if `name` holds it: its entry, then the directory, which fails while another's entry is there. */
export function releaseSlot(claim: string, name: string): void {
  for (const remove of [() => unlinkSync(`${claim}/${name}`), () => rmdirSync(claim)]) {
    try {
      remove();
    } catch (error) {
      if (!isErrno(error, 'ENOENT') && !isErrno(error, 'ENOTEMPTY') && !isErrno(error, 'EEXIST')) throw slotError(error);
    }
  }
}

/**
 * Frees the claims of containers that vanished without a delete: a claim
 * older than any create whose record is gone, or whose backend has no state
 * for the container (`<root>/<id>`), or that holds no entry (a create killed
 * between the two steps of its claim). A younger claim may belong to a
 * create still under way. Returns the first host uids freed.
 */
export function reclaimStale(dir: string = claimsDir, now: number = Date.now()): number[] {
  const freed: number[] = [];
  for (const start of claimedStarts(dir)) {
    const claim = `${dir}/${start}`;
    let entries: string[];
    let age: number;
    try {
      const stat = lstatSync(claim);
      age = now - stat.mtimeMs;
      if (!stat.isDirectory()) {
        // Not a claim as this engine makes them: nothing holds it.
        if (age >= creatingGraceMs) {
          unlinkSync(claim);
          freed.push(start);
        }
        continue;
      }
      entries = readdirSync(claim);
    } catch {
      continue;
    }
    if (age < creatingGraceMs) continue;
    const live = entries.some(name => isLive(entryOwner(claim, name)));
    if (live) continue;
    for (const name of entries) releaseSlot(claim, name);
    if (entries.length === 0) releaseSlot(claim, '.none');
    freed.push(start);
  }
  return freed;
}

/** The record a claim's entry names (a link to `<root>.hardrun/<id>`), undefined when the entry is not a link. */
export function entryOwner(claim: string, name: string): string | undefined {
  try {
    return readlinkSync(`${claim}/${name}`);
  } catch {
    return undefined;
  }
}

function isLive(owner: string | undefined): boolean {
  const match = owner === undefined ? null : /^(.*)\.hardrun\/([^/]+)$/.exec(owner);
  return owner !== undefined && match !== null && exists(owner) && exists(`${match[1]}/${match[2]}`);
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The slot for a new container: `preferred` (the host uid whose writes an
 * existing upper layer holds) when free, else a free one, else one freed by
 * reclaiming vanished containers' claims.
 */
export function freeSlot(pool: IdPool, skip: ReadonlySet<number>, preferred?: number, dir: string = claimsDir): Slot {
  let claimed = claimedStarts(dir);
  const count = slotCount(pool);
  if (preferred !== undefined && !claimed.has(preferred) && !skip.has(preferred)) {
    const index = (preferred - pool.uids.hostID) / slotSize;
    if (Number.isInteger(index) && index >= 0 && index < count) return slotAt(pool, index);
  }
  let slot = pickSlot(pool, claimed, skip);
  if (slot === undefined && reclaimStale(dir).length > 0) {
    claimed = claimedStarts(dir);
    slot = pickSlot(pool, claimed, skip);
  }
  if (slot !== undefined) return slot;
  throw new HardrunError('ids', count === 0
    ? `hardrun's host ids ${pool.uids.hostID}:${pool.uids.size} (uids) and ${pool.gids.hostID}:${pool.gids.size} (gids) hold less than one container's ${slotSize}: give the hardrun lines of /etc/subuid and /etc/subgid a larger count (hardrun setup docker does)`
    : `all ${count} host id ranges of hardrun's pool ${pool.uids.hostID}:${pool.uids.size} are in use by live containers: give the hardrun lines of /etc/subuid and /etc/subgid a larger count to run more at once`);
}

/** The slot `explain` shows: the one a create would most likely get, claiming nothing. */
export function previewSlot(pool: IdPool, dir: string = claimsDir): Slot {
  return pickSlot(pool, claimedStarts(dir), new Set(), 0) ?? slotAt(pool, 0);
}

function slotError(cause: unknown): HardrunError {
  return new HardrunError('ids', `cannot claim host ids for the container: ${(cause as Error).message}`, { cause });
}
