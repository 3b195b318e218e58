import { lstatSync, readlinkSync } from 'node:fs';
import type { BackendKind } from '../backend/backend.js';
import { HardrunError, isErrno } from '../errors.js';

/**
 * The paths runc writes through when it sets a container up: it mounts a
 * tmpfs on /dev, binds /dev/null over masked paths and the console onto
 * /dev/console, and links /dev/ptmx to /dev/pts. A symlink there, shipped in
 * the image, turns those writes onto a file of the host's procfs or beyond
 * (CVE-2025-31133, CVE-2025-52565, CVE-2026-41579), and runc 1.1 does not
 * check. Nothing an ordinary image needs is a symlink there.
 */
const watched = ['dev', 'dev/null', 'dev/pts', 'dev/console', 'dev/ptmx'];

/** Refuses, before the hand-over to runc, an image whose /dev or device paths are symlinks. */
export function refuseLinkedDevices(rootfs: string, kind: BackendKind): void {
  // gVisor and Kata set /dev up in their own kernel, not through the host's paths.
  if (kind !== 'runc') return;
  for (const path of watched) {
    let isLink: boolean;
    try {
      isLink = lstatSync(`${rootfs}/${path}`).isSymbolicLink();
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) continue;
      throw new HardrunError('rootfs', `cannot check the image's /${path}: ${(error as Error).message}`, { cause: error });
    }
    if (!isLink) continue;
    // runc's own layout, which debootstrap falls back to where it cannot mknod: it stays within /dev/pts, itself checked.
    if (path === 'dev/ptmx' && linkTarget(`${rootfs}/${path}`) === 'pts/ptmx') continue;
    throw new HardrunError('refused', `hardrun refused this container: the image's /${path} is a symlink (to ${linkTarget(`${rootfs}/${path}`)}), through which runc would mount or bind onto a host file (CVE-2025-31133, CVE-2025-52565, CVE-2026-41579); an image whose /dev, /dev/null, /dev/pts, /dev/console and /dev/ptmx are no symlinks runs`);
  }
}

function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '?';
  }
}
