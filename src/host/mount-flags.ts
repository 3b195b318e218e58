import { parseMountTable } from './mountinfo.js';

/** Per-mount flags a user namespace may not clear on a bind of that mount (the kernel locks them). */
const lockable = new Set(['nosuid', 'nodev', 'noexec', 'noatime', 'nodiratime', 'ro']);

/**
 * The lockable options of the host mount that holds `path`, from the host's
 * /proc/self/mountinfo. Under a user namespace, runc's remount of a bind
 * mount must repeat them (runc 1.1 does not read them itself), else the
 * kernel refuses it: CRI's read-only /dev/shm of a pod sandbox is a bind of
 * a nosuid,nodev,noexec tmpfs.
 */
export function lockedOptionsOf(path: string, mountinfo: string): string[] {
  let best: { readonly mountPoint: string; readonly options: readonly string[] } | undefined;
  for (const mount of parseMountTable(mountinfo).mounts) {
    const within = mount.mountPoint === '/' || path === mount.mountPoint || path.startsWith(`${mount.mountPoint}/`);
    if (within && (best === undefined || mount.mountPoint.length >= best.mountPoint.length)) best = mount;
  }
  return (best?.options ?? []).filter(option => lockable.has(option) && option !== 'ro');
}
