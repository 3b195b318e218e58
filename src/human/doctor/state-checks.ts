import { readdirSync } from 'node:fs';
import { stagingBase } from '../../bundle/staging.js';
import { defaultRoots, listManaged } from '../inspect/locate.js';
import type { DoctorCheck } from './host-checks.js';

/** A staging directory's name: the hash of its runc root, a dash, the container id. */
const stagingName = /^[0-9a-f]{12}-[\w+.-]+$/;

/**
 * Staging directories that no record names. The launcher's `delete` removes
 * a container's record and staging directory with one `rm -d` once the
 * backend has deleted it; a directory that could not go (something was put
 * in it) stays, empty of the container's files, with nothing pointing at it.
 * Containers of a runc root outside the default ones (a daemon with its own
 * exec-root) also show here.
 */
export function checkStaging(present: readonly string[], named: ReadonlySet<string>): DoctorCheck {
  const orphans = present.filter(dir => !named.has(dir));
  if (orphans.length === 0) return { name: 'staging', status: 'ok', detail: `${present.length} staging director${present.length === 1 ? 'y' : 'ies'} in ${stagingBase}, each with its container's record` };
  return {
    name: 'staging', status: 'info',
    detail: `${orphans.length} staging director${orphans.length === 1 ? 'y' : 'ies'} that no record under the default runc roots names: ${orphans.join(', ')}`,
    fix: `check that no container uses them, then rm -d DIR/* DIR (they hold only empty mountpoints; rm -d refuses anything else)`,
  };
}

/** The staging directories present, and those the records under the default roots name. */
export function readStaging(): { present: string[]; named: Set<string> } {
  let names: string[] = [];
  try {
    names = readdirSync(stagingBase, { withFileTypes: true }).filter(entry => entry.isDirectory() && stagingName.test(entry.name)).map(entry => entry.name);
  } catch {
    // No staging directory yet.
  }
  const named = new Set(listManaged(defaultRoots()).flatMap(found => (found.record?.staging === undefined ? [] : [found.record.staging])));
  return { present: names.map(name => `${stagingBase}/${name}`), named };
}
