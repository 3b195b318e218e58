import { accessSync, constants } from 'node:fs';
import { HardrunError } from '../errors.js';

/** How a backend's command line differs from runc's (see translate.ts). */
export type BackendKind = 'runc' | 'runsc' | 'kata';

/** A backend as declared, like a daemon.json runtime: name, path, extra arguments. */
export interface Backend {
  readonly name: string;
  readonly kind: BackendKind;
  readonly path: string;
  /** Global flags placed before the caller's (runsc's `--network=none`, say). */
  readonly args: readonly string[];
}

/**
 * Bare names are looked up in a fixed system PATH, never the caller's: the
 * runtime runs as root, and its environment is not to steer which binary the
 * container's runtime calls are handed to.
 */
export const systemPath = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export function resolveBackendPath(backend: Backend): string {
  const candidates = backend.path.includes('/') ? [backend.path] : systemPath.map(dir => `${dir}/${backend.path}`);
  for (const candidate of candidates) {
    if (!candidate.startsWith('/')) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Try the next directory.
    }
  }
  throw new HardrunError(
    'backend-missing',
    `backend "${backend.name}" is not installed: no executable ${backend.path} in ${backend.path.includes('/') ? 'that path' : systemPath.join(':')}`,
  );
}
