import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { HardrunError, isErrno } from '../errors.js';

/**
 * The mode of every directory hardrun makes on a host, in one place: which
 * call makes a directory first (a claim of host ids, the policy cache, a
 * staging directory, a record) must not decide what a container can reach.
 * Modes are set with chmod after mkdir, so the caller's umask (0077 on
 * hardened hosts) changes nothing either.
 */
/** Where hardrun keeps what lives as long as the host's boot: staging, claims of host ids, the policy cache. */
export const runDir = '/run/hardrun';

export const directoryModes = {
  /**
   * /run/hardrun and a container's staging directory in it: the container's
   * mapped root, an unprivileged host uid, walks through both to the root
   * staged there, so others may traverse them (never list them).
   */
  traversable: 0o711,
  /** Claims of host ids, records, an upper layer's work directory: root's alone. */
  private: 0o700,
  /** The top of hardrun's upper layer of a writable root: the container's `/`, which every user in it walks. */
  containerRoot: 0o755,
} as const;

export type DirectoryMode = (typeof directoryModes)[keyof typeof directoryModes];

/**
 * Makes `path` with `mode`; true when it was made, false when it was there
 * (left as it is: an upper layer a container already wrote keeps its own).
 */
export function makeDirectory(path: string, mode: DirectoryMode): boolean {
  try {
    mkdirSync(path, { mode });
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
  chmodSync(path, mode);
  return true;
}

/**
 * A directory of hardrun's own, shared by every container (/run/hardrun,
 * /run/hardrun/ids, a records directory): made with its parents when
 * missing, and when present, a directory owned by root (never a symlink)
 * whose mode is put right if an older hardrun, or anyone, left another.
 */
export function ensureOwnDirectory(path: string, mode: DirectoryMode, parents = false): void {
  try {
    if (parents) ensureParents(path);
    if (makeDirectory(path, mode)) return;
    const stat = lstatSync(path);
    if (!stat.isDirectory() || stat.uid !== 0) throw new Error('not a directory owned by root');
    if ((stat.mode & 0o7777) !== mode) chmodSync(path, mode);
  } catch (error) {
    throw new HardrunError('directory', `cannot prepare hardrun's directory ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Missing parents get the private mode, as runc gives its own --root. */
function ensureParents(path: string): void {
  const parent = dirname(path);
  if (parent === path) return;
  try {
    lstatSync(parent);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
    ensureParents(parent);
    makeDirectory(parent, directoryModes.private);
  }
}
