import { isAbsolute } from 'node:path';
import { overlayLayers, visibleMountOf, type MountRecord, type MountTable } from '../host/mountinfo.js';
import { isSameOrBelow } from '../spec/mount-options.js';

/**
 * Filesystems of the kernel's own: a bind of one, wherever it is mounted
 * from, hands over the host's processes, kernel settings, devices or
 * namespaces, whatever the path it is found at is called.
 */
export const kernelFilesystems: ReadonlySet<string> = new Set([
  'proc', 'sysfs', 'devtmpfs', 'debugfs', 'tracefs', 'securityfs', 'cgroup', 'cgroup2', 'bpf', 'configfs',
  'efivarfs', 'fusectl', 'pstore', 'binfmt_misc', 'nsfs', 'selinuxfs', 'devpts', 'mqueue', 'hugetlbfs',
]);

/**
 * What the kernel would mount for a host path, read from the mount it lies
 * on, never from its name:
 * - `path`: files of a filesystem, shown on the host at each of `hostPaths`
 *   (the path itself first; a bind of /etc at a volume's place is /etc too,
 *   and a filesystem a host mount shows only part of counts as the whole
 *   of what that mount shows: an ext4 of the host's own disk is `/`);
 * - `kernel`: a filesystem of the kernel's own (procfs, sysfs, ...);
 * - `overlay`: an overlay, which shows its layers;
 * - `unknown`: what cannot be told (an overlay with relative layers).
 */
export type SourceShows =
  | { readonly kind: 'path'; readonly mount: MountRecord | undefined; readonly hostPaths: readonly string[] }
  | { readonly kind: 'kernel'; readonly mount: MountRecord }
  | { readonly kind: 'overlay'; readonly mount: MountRecord; readonly layers: readonly string[] }
  | { readonly kind: 'unknown'; readonly mount: MountRecord; readonly reason: string };

/**
 * Judges the canonical host path `path` (symlinks resolved) by the mount it
 * lies on. The namespace's root mount is the host itself: a path there is
 * only itself (the host's `/` may be an overlay, whose layers belong to
 * another namespace).
 */
export function whatSourceShows(path: string, table: MountTable): SourceShows {
  const mount = visibleMountOf(table, path);
  if (mount === undefined || mount.mountPoint === '/') return { kind: 'path', mount, hostPaths: [path] };
  if (kernelFilesystems.has(mount.fsType)) return { kind: 'kernel', mount };
  if (mount.fsType === 'overlay') return overlayShows(mount);
  const inDevice = joinPath(mount.root, path.slice(mount.mountPoint.length));
  const hostPaths = new Set([path]);
  for (const other of table.mounts) {
    if (other.device !== mount.device || kernelFilesystems.has(other.fsType)) continue;
    if (isSameOrBelow(inDevice, other.root)) hostPaths.add(joinPath(other.mountPoint, inDevice.slice(other.root === '/' ? 0 : other.root.length)));
    // The source holds the whole of what `other` shows, and more.
    else if (isSameOrBelow(other.root, inDevice)) hostPaths.add(other.mountPoint);
  }
  return { kind: 'path', mount, hostPaths: [...hostPaths] };
}

/** The mounts strictly below the canonical `path`: what a recursive bind of it carries along. */
export function mountsBelow(table: MountTable, path: string): MountRecord[] {
  const prefix = path === '/' ? '/' : `${path}/`;
  return table.mounts.filter(mount => mount.mountPoint.startsWith(prefix));
}

/** Whether `path` lies on a mount of its own at or below `place` (a volume that is a mountpoint), not on the filesystem that holds `place`. */
export function isMountedAtOrBelow(path: string, place: string, table: MountTable): boolean {
  const mount = visibleMountOf(table, path);
  return mount !== undefined && mount.mountPoint !== '/' && isSameOrBelow(mount.mountPoint, place);
}

function overlayShows(mount: MountRecord): SourceShows {
  const relative = mount.superOptions.find(option => /^(?:lowerdir\+?|upperdir|datadir\+)=/.test(option)
    && option.slice(option.indexOf('=') + 1).split(/(?<!\\):/).some(layer => layer !== '' && !isAbsolute(layer)));
  if (relative !== undefined) return { kind: 'unknown', mount, reason: `an overlay whose layers are relative paths (${relative})` };
  const found = overlayLayers(mount);
  if ('refused' in found) return { kind: 'unknown', mount, reason: found.refused };
  return { kind: 'overlay', mount, layers: found.layers };
}

function joinPath(base: string, rest: string): string {
  if (rest === '' || rest === '/') return base;
  return base === '/' ? rest : `${base}${rest}`;
}
