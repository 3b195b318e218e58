import { closeSync, constants, lstatSync, mkdirSync, openSync, readlinkSync } from 'node:fs';
import { HardrunError, isErrno } from '../errors.js';

const maxLinks = 40;

/**
 * Resolves `path` inside `root` as the container will see it: symlinks are
 * followed, but an absolute target or a `..` starts again from `root`, never
 * from the host's `/`. A hostile image may ship `/run -> /etc` or
 * `/run -> /proc/1/root`; both resolve to directories inside the rootfs.
 * The result holds no symlink in any component that exists.
 */
export function resolveInRoot(root: string, path: string): string {
  const pending = path.split('/').filter(part => part !== '' && part !== '.');
  const resolved: string[] = [];
  let links = 0;
  for (let part = pending.shift(); part !== undefined; part = pending.shift()) {
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = `${root}/${[...resolved, part].join('/')}`;
    let isLink = false;
    try {
      // Missing (no exception: a throw costs more than the lstat), or under
      // a file: taken as written, as runc's securejoin does; creating the
      // mountpoint then fails with a sentence.
      isLink = lstatSync(candidate, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
    } catch (error) {
      if (!isErrno(error, 'ENOTDIR')) throw error;
    }
    if (!isLink) {
      resolved.push(part);
      continue;
    }
    links += 1;
    if (links > maxLinks) throw new HardrunError('rootfs', `too many symlinks resolving ${path} in the container's root filesystem`);
    const target = readlinkSync(candidate);
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...target.split('/').filter(item => item !== '' && item !== '.'));
  }
  return resolved.length === 0 ? root : `${root}/${resolved.join('/')}`;
}

/**
 * Creates a mountpoint at `path` inside `root` (a directory, or an empty
 * file for a file bind mount), with any missing parents, as the host's root
 * and before the container exists: under a user namespace the container's
 * root cannot create anything in a directory the image owns.
 */
export function createMountpoint(root: string, path: string, kind: 'dir' | 'file'): void {
  const target = resolveInRoot(root, path);
  const relative = target.slice(root.length).split('/').filter(part => part !== '');
  let current = root;
  relative.forEach((part, index) => {
    current = `${current}/${part}`;
    const last = index === relative.length - 1;
    if (last && kind === 'file') {
      try {
        closeSync(openSync(current, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644));
      } catch (error) {
        if (!isErrno(error, 'EEXIST')) throw mountpointError(path, error);
      }
      return;
    }
    try {
      mkdirSync(current, { mode: 0o755 });
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw mountpointError(path, error);
      // Resolved above, so an existing entry here is no symlink (unless the
      // rootfs changes under us, which lstat catches).
      if (lstatSync(current).isSymbolicLink()) throw mountpointError(path, new Error('a symlink appeared'));
    }
  });
}

function mountpointError(path: string, cause: unknown): HardrunError {
  return new HardrunError('rootfs', `cannot create the mountpoint ${path} in the container's root filesystem: ${(cause as Error).message}`, { cause });
}
