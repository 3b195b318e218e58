import { directoryModes, runDir } from '../../host/directories.js';
import type { DoctorCheck } from './host-checks.js';
import type { HostProbe } from './probe.js';

/**
 * What a create needs of the path to the staging directories: a
 * container's mapped root, an unprivileged host uid, walks from `/` to its
 * root staged in /run/hardrun, so every directory on the way must let
 * others traverse it. /run/hardrun itself is hardrun's: a create makes it,
 * or puts its mode right, as src/host/directories.ts says.
 */
export function checkStagingPath(host: HostProbe, base: string = runDir): DoctorCheck {
  const name = 'staging path';
  const entry = host.entry?.bind(host);
  if (entry === undefined) return { name, status: 'info', detail: 'not probed' };
  const parts = base.split('/').filter(Boolean);
  const ancestors = ['/', ...parts.slice(0, -1).map((_, index) => `/${parts.slice(0, index + 1).join('/')}`)];
  for (const path of ancestors) {
    const found = entry(path);
    if (found === undefined) return { name, status: 'missing', detail: `${path} does not exist: hardrun stages containers in ${base}`, fix: `create ${path} (mode 755, owned by root)` };
    if (found.kind !== 'directory') continue;
    if ((found.mode & 0o001) === 0) {
      return {
        name, status: 'missing',
        detail: `${path} is mode ${octal(found.mode)}: a container's root, mapped to an unprivileged host uid, cannot walk through it to its root staged in ${base}, so every hardened container fails to start (permission denied)`,
        fix: `chmod o+x ${path}`,
      };
    }
  }
  const own = entry(base);
  if (own === undefined) return { name, status: 'ok', detail: `${base} is made by the first create, mode ${octal(directoryModes.traversable)} (traversable, not listable)` };
  if (own.kind !== 'directory' || own.uid !== 0) {
    return { name, status: 'missing', detail: `${base} is ${own.kind === 'symlink' ? 'a symlink' : own.kind === 'other' ? 'not a directory' : `owned by uid ${own.uid}`}: every create under the user namespace is refused`, fix: `remove ${base} (no container runs from it then); the next create makes it` };
  }
  if (own.mode !== directoryModes.traversable) {
    return {
      name, status: 'info',
      detail: `${base} is mode ${octal(own.mode)}, not ${octal(directoryModes.traversable)}: the next create puts it right (a container's mapped root must walk through it)`,
      fix: `chmod ${octal(directoryModes.traversable)} ${base}`,
    };
  }
  return { name, status: 'ok', detail: `${base} is mode ${octal(own.mode)}, and every directory above it lets a container's mapped root through` };
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}
