import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the Debian package puts the engine (src/packaging/), a fixed path
 * the launcher falls back to. Its launcher and shim front are on PATH, in
 * /usr/bin, not beside it.
 */
export const packagedEngineDir = '/usr/libexec/hardrun';

/**
 * Where this installation's engine and its runc-path are. The compiled
 * engine finds its siblings from its own path (process.execPath is
 * bin/hardrun-engine, with symlinks resolved by the launcher); under Node, as
 * in the unit tests, from this module's place in build/.
 */
export function binDir(): string {
  if (process.versions.bun !== undefined) return dirname(process.execPath);
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../bin');
}

/** The engine itself. */
export function enginePath(): string {
  return `${binDir()}/hardrun-engine`;
}

/** The launcher that Docker and containerd call as runc. */
export function launcherPath(): string {
  return binDir() === packagedEngineDir ? '/usr/bin/hardrun' : `${binDir()}/hardrun`;
}

/** The containerd shim v2 front. */
export function shimFrontPath(): string {
  return binDir() === packagedEngineDir ? '/usr/bin/containerd-shim-hardrun-v2' : `${binDir()}/containerd-shim-hardrun-v2`;
}
