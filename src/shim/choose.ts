import { accessSync, constants } from 'node:fs';
import { basename, dirname } from 'node:path';
import { resolveBackendPath, systemPath, type Backend } from '../backend/backend.js';
import { HardrunError } from '../errors.js';
import { binDir } from './install-paths.js';

export const runcShimName = 'containerd-shim-runc-v2';
export const kataShimName = 'containerd-shim-kata-v2';


/** containerd's runc shim: beside the containerd that started us (as containerd itself falls back to), else the system PATH. */
export function findRuncShim(publishBinary: string | undefined): string {
  const beside = publishBinary?.startsWith('/') === true ? [`${dirname(publishBinary)}/${runcShimName}`] : [];
  return firstExecutable([...beside, ...systemPath.map(dir => `${dir}/${runcShimName}`)], runcShimName);
}

/**
 * Kata's shim for a backend of kind kata. Kata 2 and 3 have no runc-style
 * CLI, so a policy may name the shim itself as the backend's path; else the
 * shim is looked for beside the declared kata-runtime (Kata installs both in
 * one directory), then in the system PATH and /opt/kata/bin.
 */
export function findKataShim(backend: Backend): string {
  if (basename(backend.path).startsWith('containerd-shim-')) return resolveBackendPath(backend);
  const beside = backend.path.startsWith('/') ? [`${dirname(backend.path)}/${kataShimName}`] : [];
  return firstExecutable([...beside, ...[...systemPath, '/opt/kata/bin'].map(dir => `${dir}/${kataShimName}`)], kataShimName);
}

/**
 * The directory whose `runc` is hardrun's launcher (bin/runc-path/runc ->
 * ../hardrun). Put first on the runc shim's PATH, it makes every runc call
 * the shim makes (create, start, exec, delete, ...) go through hardrun.
 */
export function runcPathDir(): string {
  const dir = `${binDir()}/runc-path`;
  firstExecutable([`${dir}/runc`], `${dir}/runc`);
  return dir;
}

function firstExecutable(candidates: readonly string[], what: string): string {
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Try the next one.
    }
  }
  throw new HardrunError('shim-missing', `hardrun's shim front cannot find ${what} (looked in ${candidates.map(dirname).join(', ')})`);
}
