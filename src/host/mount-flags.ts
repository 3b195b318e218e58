import { unescapeField } from './mountinfo.js';

/** Per-mount flags a user namespace may not clear on a bind of that mount (the kernel locks them). */
const lockable = new Set(['nosuid', 'nodev', 'noexec', 'noatime', 'nodiratime', 'ro']);

let parsed: { text: string; mounts: { point: string; options: string[] }[] } | undefined;

/**
 * The lockable options of the host mount that holds `path`, from the host's
 * /proc/self/mountinfo. Under a user namespace, runc's remount of a bind
 * mount must repeat them (runc 1.1 does not read them itself), else the
 * kernel refuses it: CRI's read-only /dev/shm of a pod sandbox is a bind of
 * a nosuid,nodev,noexec tmpfs.
 */
export function lockedOptionsOf(path: string, mountinfo: string): string[] {
  if (parsed?.text !== mountinfo) parsed = { text: mountinfo, mounts: readMounts(mountinfo) };
  const { mounts } = parsed;
  let best: { point: string; options: string[] } | undefined;
  for (const mount of mounts) {
    const within = mount.point === '/' || path === mount.point || path.startsWith(`${mount.point}/`);
    if (within && (best === undefined || mount.point.length >= best.point.length)) best = mount;
  }
  return (best?.options ?? []).filter(option => lockable.has(option) && option !== 'ro');
}

function readMounts(text: string): { point: string; options: string[] }[] {
  return text.split('\n').filter(Boolean).map(line => {
    const fields = line.split(' ');
    return { point: unescapeField(fields[4] ?? '/'), options: (fields[5] ?? '').split(',') };
  });
}
