import { readdirSync, statSync } from 'node:fs';
import { stagingBase } from '../../bundle/staging.js';
import { defaultRoots, listManaged } from '../inspect/locate.js';
import type { DoctorCheck } from './host-checks.js';

/** A staging directory's name: the hash of its runc root, a dash, the container id. */
const stagingName = /^[0-9a-f]{12}-([\w+,.-]+)$/;

/**
 * Staging directories that no record names. The launcher's `delete` removes
 * a container's record and staging directory with one `rm -d` once the
 * backend has deleted it; a directory that could not go (something was put
 * in it) stays, with nothing pointing at it. A directory whose id is a
 * container under one of the default runc roots is left out: it may belong
 * to a container that a daemon with its own exec-root runs.
 */
export function checkStaging(present: readonly string[], named: ReadonlySet<string>, stale: readonly StaleRecord[] = []): DoctorCheck {
  const orphans = present.filter(dir => !named.has(dir));
  if (orphans.length === 0 && stale.length === 0) {
    return { name: 'staging', status: 'ok', detail: present.length === 0 ? `nothing in ${stagingBase} left behind` : `${present.length} staging director${present.length === 1 ? 'y' : 'ies'} in ${stagingBase}, each named by a live container's record` };
  }
  const parts: string[] = [];
  const fixes: string[] = [];
  if (orphans.length > 0) {
    parts.push(`${orphans.length} staging director${orphans.length === 1 ? 'y' : 'ies'} that no container's record names: ${orphans.join(', ')}`);
    fixes.push('look inside first: a staging directory holds only empty directories, empty files and caller-config.json (the config.json its container was created from); then rm -d -- DIR/* DIR (rm -d refuses a directory that is not empty or is a mountpoint, not a file)');
  }
  if (stale.length > 0) {
    parts.push(`${stale.length} record${stale.length === 1 ? '' : 's'} of containers the backend no longer has, left with their staging: ${stale.map(entry => `${entry.root} ${entry.id} (${entry.staging})`).join(', ')}`);
    fixes.push('hardrun --root ROOT delete --force ID for each (the backend\'s delete of a container it does not have succeeds, and hardrun then removes the record and its staging with rm -d; a create still under way has no state yet, so run doctor again first)');
  }
  return { name: 'staging', status: 'info', detail: `leftovers: ${parts.join('; ')}`, fix: fixes.join('; ') };
}

/** A record whose runc container is gone, and the staging directory it still names. */
export interface StaleRecord {
  readonly root: string;
  readonly id: string;
  readonly staging: string;
}

/**
 * The staging directories present (less those of live containers), those
 * the records under the default roots name, and the records among them
 * whose runc container is gone (runc keeps one directory per container
 * under its root; other backends' layouts are theirs, so not judged).
 */
export function readStaging(): { present: string[]; named: Set<string>; stale: StaleRecord[] } {
  const roots = defaultRoots();
  const live = (id: string): boolean => roots.some(root => isDir(`${root}/${id}`));
  let names: string[] = [];
  try {
    names = readdirSync(stagingBase, { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .map(entry => entry.name)
      .filter(name => { const id = stagingName.exec(name)?.[1]; return id !== undefined && !live(id); });
  } catch {
    // No staging directory yet.
  }
  const managed = listManaged(roots);
  const named = new Set(managed.flatMap(found => (found.record.staging === undefined ? [] : [found.record.staging])));
  const stale = managed.flatMap(found => found.record.staging !== undefined && found.record.kind === 'runc' && !isDir(`${found.root}/${found.id}`) && isDir(found.record.staging)
    ? [{ root: found.root, id: found.id, staging: found.record.staging }] : []);
  return { present: names.map(name => `${stagingBase}/${name}`), named, stale };
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
