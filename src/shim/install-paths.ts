import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where this installation's shipped files are. The compiled engine finds its
 * siblings from its own path (process.execPath is bin/hardrun-engine, with
 * symlinks resolved by the launcher); under Node, as in the unit tests, from
 * this module's place in build/.
 */
export function binDir(): string {
  if (process.versions.bun !== undefined) return dirname(process.execPath);
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../bin');
}

/** The launcher that Docker and containerd call as runc. */
export function launcherPath(): string {
  return `${binDir()}/hardrun`;
}

/** The containerd shim v2 front. */
export function shimFrontPath(): string {
  return `${binDir()}/containerd-shim-hardrun-v2`;
}
