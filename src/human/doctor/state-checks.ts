import { readdirSync, statSync } from 'node:fs';
import { stagingBase } from '../../bundle/staging.js';
import { defaultRoots, listManaged } from '../inspect/locate.js';
import type { DoctorCheck } from './host-checks.js';

/** A staging directory's name: the hash of its runc root, a dash, the container id. */
const stagingName = /^[0-9a-f]{12}-([\w+.-]+)$/;

/**
 * Staging directories that no record names. The launcher's `delete` removes
 * a container's record and staging directory with one `rm -d` once the
 * backend has deleted it; a directory that could not go (something was put
 * in it) stays, with nothing pointing at it. A directory whose id is a
 * container under one of the default runc roots is left out: it may belong
 * to a container that a daemon with its own exec-root runs.
 */
export function checkStaging(present: readonly string[], named: ReadonlySet<string>): DoctorCheck {
  const orphans = present.filter(dir => !named.has(dir));
  if (orphans.length === 0) {
    return { name: 'staging', status: 'ok', detail: present.length === 0 ? `nothing in ${stagingBase} left behind` : `${present.length} staging director${present.length === 1 ? 'y' : 'ies'} in ${stagingBase}, each named by a container's record` };
  }
  return {
    name: 'staging', status: 'info',
    detail: `${orphans.length} staging director${orphans.length === 1 ? 'y' : 'ies'} that no container's record names: ${orphans.join(', ')}`,
    fix: 'look inside first: a staging directory holds only empty directories and empty files; then rm -d -- DIR/* DIR (rm -d refuses a directory that is not empty or is a mountpoint, not a file)',
  };
}

/** The staging directories present (less those of live containers), and those the records under the default roots name. */
export function readStaging(): { present: string[]; named: Set<string> } {
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
  const named = new Set(listManaged(roots).flatMap(found => (found.record?.staging === undefined ? [] : [found.record.staging])));
  return { present: names.map(name => `${stagingBase}/${name}`), named };
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
