import { lstatSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { stagingBase, stagingDirFor } from '../../bundle/staging.js';
import { removeLeftovers } from '../../runtime/leftovers.js';
import { removeStaging } from '../../bundle/staging.js';
import { claimsDir, entryOwner, releaseSlot } from '../../state/id-slots.js';
import { defaultRecordName, readRecord, recordDir, recordPath, type ContainerRecord } from '../../state/record.js';
import { isDir } from '../inspect/locate.js';

/**
 * Something of hardrun's that outlived its container: a record, a staging
 * directory or a claim of host ids, with the container it was for and why
 * it is stale. runc's poststop hook (src/state/cleanup-hook.ts) and
 * hardrun's `delete` remove each as its container goes; what is left is a
 * create that failed before runc made any state and got no `delete`, a
 * staging directory that something was put in, a caller's poststop hook
 * that failed before hardrun's ran, or state an older engine left.
 */
export interface Leftover {
  readonly kind: 'record' | 'staging' | 'claim';
  readonly path: string;
  /** The container it was for; undefined for a claim that names none. */
  readonly id: string | undefined;
  readonly root: string | undefined;
  readonly why: string;
  /** For a record: what removing it takes with it. */
  readonly record?: ContainerRecord;
}

/** How long something new is taken for a create still under way (the record is written before runc makes its state). */
export const creatingGraceMs = 60_000;

export interface LeftoverScope {
  /** The runtime state directories whose containers are judged. */
  readonly roots: readonly string[];
  /** Only what belongs to these roots (`doctor --root`): staging directories and claims named for them, no others. */
  readonly only: boolean;
  readonly now?: number;
  readonly stagingBase?: string;
  readonly claimsDir?: string;
}

export function findLeftovers(scope: LeftoverScope): Leftover[] {
  const now = scope.now ?? Date.now();
  const records = scope.roots.flatMap(root => recordsUnder(root, now));
  const stale = records.flatMap(found => {
    const why = whyRecordIsStale(found);
    return why === undefined ? [] : [{ kind: 'record' as const, path: recordPath(found.root, found.id), id: found.id, root: found.root, why, record: found.record }];
  });
  const keys = new Map(scope.roots.map(root => [basename(stagingDirFor(root, '')), root]));
  // A stale record's claim goes with it: listed once, as the record's.
  const covered = new Set(stale.flatMap(item => (item.record?.claim === undefined ? [] : [item.record.claim])));
  return [...stale, ...orphanStaging(scope, records, keys, now), ...staleClaims(scope, keys, now).filter(item => !covered.has(item.path))];
}

interface FoundRecord {
  readonly root: string;
  readonly id: string;
  readonly record: ContainerRecord | undefined;
  readonly age: number;
}

function recordsUnder(root: string, now: number): FoundRecord[] {
  return listDir(recordDir(root)).filter(name => !name.startsWith('.') && name !== defaultRecordName).map(id => {
    let record: ContainerRecord | undefined;
    try {
      record = readRecord(root, id);
    } catch {
      record = undefined;
    }
    return { root, id, record, age: ageOf(recordPath(root, id), now) };
  });
}

/**
 * A runc container's record is stale when runc keeps no state for it
 * (`<root>/<id>`) and it is older than a create takes. Other backends'
 * layouts are theirs, so their records are not judged.
 */
function whyRecordIsStale(found: FoundRecord): string | undefined {
  if (found.record === undefined || found.record.kind !== 'runc' || found.age < creatingGraceMs || isDir(`${found.root}/${found.id}`)) return undefined;
  const what = [found.record.staging === undefined ? '' : ` its staging directory ${found.record.staging}`, found.record.claim === undefined ? '' : ` its claim ${found.record.claim}`].filter(Boolean).join(' and');
  return `runc has no container ${found.id} under ${found.root} (a create that failed before runc made its state, or a delete that did not come through hardrun), ${Math.round(found.age / 1000)} s old${what === '' ? '' : `, and with it go${what}`}`;
}

/** Staging directories that no record of these roots names (a stale record's goes with the record). */
function orphanStaging(scope: LeftoverScope, records: readonly FoundRecord[], keys: ReadonlyMap<string, string>, now: number): Leftover[] {
  const base = scope.stagingBase ?? stagingBase;
  const named = new Set(records.flatMap(found => (found.record?.staging === undefined ? [] : [found.record.staging])));
  const leftovers: Leftover[] = [];
  for (const name of listDir(base)) {
    const match = /^([0-9a-f]{12})-([\w+,.-]+)$/.exec(name);
    if (match === null) continue;
    const [, key, id] = match as unknown as [string, string, string];
    const root = keys.get(`${key}-`);
    const path = `${base}/${name}`;
    if (scope.only && root === undefined) continue;
    if (named.has(path) || ageOf(path, now) < creatingGraceMs || !isDirectory(path)) continue;
    // Unscoped, a directory whose id is a container under some default root may be a daemon's with its own exec-root.
    if (root === undefined && scope.roots.some(candidate => isDir(`${candidate}/${id}`))) continue;
    leftovers.push({
      kind: 'staging', path, id, root,
      why: `no record names it: container ${id}${root === undefined ? '' : ` under ${root}`} is gone, and its delete left the directory (something was put in it, or an older engine's)`,
    });
  }
  return leftovers;
}

/**
 * Claims of host ids that hold no live container: every entry's record is
 * gone, names another claim (a second claim an earlier create left), or
 * belongs to a container runc no longer has; or there is no entry at all.
 */
function staleClaims(scope: LeftoverScope, keys: ReadonlyMap<string, string>, now: number): Leftover[] {
  const dir = scope.claimsDir ?? claimsDir;
  const leftovers: Leftover[] = [];
  for (const start of listDir(dir).filter(name => /^[0-9]+$/.test(name))) {
    const claim = `${dir}/${start}`;
    if (ageOf(claim, now) < creatingGraceMs) continue;
    const entries = listDir(claim);
    const ours = entries.map(entry => keys.get(`${entry.slice(0, 12)}-`)).filter(root => root !== undefined);
    if (scope.only && ours.length === 0) continue;
    const reasons = entries.map(entry => whyEntryIsStale(claim, entry));
    if (reasons.some(reason => reason === undefined)) continue;
    const id = entries[0] === undefined ? undefined : entries[0].slice(13);
    leftovers.push({ kind: 'claim', path: claim, id, root: ours[0], why: entries.length === 0 ? 'it holds no container\'s entry (a create killed between its two steps)' : (reasons as string[]).join('; ') });
  }
  return leftovers;
}

function whyEntryIsStale(claim: string, entry: string): string | undefined {
  const owner = entryOwner(claim, entry);
  if (owner === undefined) return `its entry ${entry} is not a link to a record`;
  const match = /^(.*)\.hardrun\/([^/]+)$/.exec(owner);
  if (match === null) return `its entry ${entry} names no record (${owner})`;
  const [, root, id] = match as unknown as [string, string, string];
  let record: ContainerRecord | undefined;
  try {
    record = readRecord(root, id);
  } catch {
    return undefined; // A record that cannot be read is not judged: its container may live.
  }
  if (record === undefined) return `container ${id}'s record ${owner} is gone`;
  if (record.claim !== undefined && record.claim !== claim) return `container ${id}'s record names the claim ${record.claim}: this is a second one an earlier create of ${id} left`;
  if (record.kind === 'runc' && !isDir(`${root}/${id}`)) return `runc has no container ${id} under ${root}`;
  return undefined;
}

function ageOf(path: string, now: number): number {
  try {
    return now - lstatSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Removes one leftover as hardrun's own delete would: never recursively (a
 * staging directory that holds more than empty entries stays), and a claim
 * only by its own entries. Returns why it stayed, or undefined once gone.
 */
export function removeLeftover(leftover: Leftover): string | undefined {
  try {
    if (leftover.kind === 'record' && leftover.root !== undefined && leftover.id !== undefined && leftover.record !== undefined) {
      removeLeftovers(leftover.root, leftover.id, leftover.record);
    } else if (leftover.kind === 'staging') {
      removeStaging(leftover.path);
    } else if (leftover.kind === 'claim') {
      const entries = listDir(leftover.path);
      for (const entry of entries) releaseSlot(leftover.path, entry);
      if (entries.length === 0) releaseSlot(leftover.path, '.none');
    }
  } catch (error) {
    return (error as Error).message;
  }
  return lstatExists(leftover.path) ? 'it is not empty (look inside; hardrun never removes recursively)' : undefined;
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
