import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import type { DockerImageRecord } from '../policy/image.js';

/**
 * Where each of Docker's storage drivers mounts a container's root, below
 * the daemon's data root: `<data-root>/overlay2/<mount-id>/merged` and the
 * like. The mount id is the container's read-write layer, which
 * `<data-root>/image/<driver>/layerdb/mounts/<container-id>/mount-id` names.
 */
const layout = /^(\/.+)\/(?:(overlay2|overlay|fuse-overlayfs)\/([0-9a-f]{64})\/merged|(aufs)\/mnt\/([0-9a-f]{64})|(vfs)\/dir\/([0-9a-f]{64})|(btrfs)\/subvolumes\/([0-9a-f]{64})|(zfs)\/graph\/([0-9a-f]{64}))$/;

const maxRecordBytes = 4 << 20;

/**
 * Reads the image of a Docker container from the daemon's own record,
 * `<data-root>/containers/<id>/config.v2.json`, with the data root taken
 * from the rootfs path Docker passed in config.json and the id from argv:
 * nothing the container or its image can write. Returns undefined when the
 * rootfs is not in a Docker data root (not a Docker container), and a
 * reason when it is but the record cannot be trusted: every directory from
 * `/` down and both files must be root's, writable by no one else, and no
 * symlink; the record must name this container, its driver, and the layer
 * the rootfs is.
 */
export function readDockerRecord(rootPath: string, id: string): DockerImageRecord | undefined {
  const match = layout.exec(rootPath);
  if (match === null) return undefined;
  // The alternatives leave the groups of the others undefined.
  const groups: readonly (string | undefined)[] = match.slice(1);
  const [dataRoot, driver, mountId] = groups.filter(part => part !== undefined) as [string, string, string];
  if (!/^[0-9a-f]{64}$/.test(id)) return { found: false, reason: `the container id "${id}" is not a Docker container id` };
  const trusted = new Set<string>();
  const mountIdFile = `${dataRoot}/image/${driver}/layerdb/mounts/${id}/mount-id`;
  const file = `${dataRoot}/containers/${id}/config.v2.json`;
  try {
    const layer = readTrustedFile(mountIdFile, trusted).trim();
    if (layer !== mountId) return { found: false, reason: `${mountIdFile} names the layer ${layer}, not the rootfs ${rootPath}` };
    const record = JSON.parse(readTrustedFile(file, trusted)) as { ID?: unknown; Driver?: unknown; Image?: unknown; Config?: { Image?: unknown } };
    if (record.ID !== id || record.Driver !== driver) return { found: false, reason: `${file} is not the record of container ${id} on ${driver}` };
    const reference = record.Config?.Image;
    if (typeof reference !== 'string' || typeof record.Image !== 'string') return { found: false, reason: `${file} names no image` };
    return { found: true, reference, imageId: record.Image, file };
  } catch (error) {
    return { found: false, reason: `cannot trust Docker's record of the container: ${(error as Error).message}` };
  }
}

/** A file that only root could have written, read without following a symlink anywhere on its path. */
function readTrustedFile(path: string, trusted: Set<string>): string {
  const parts = path.split('/').filter(Boolean);
  for (let length = 0; length < parts.length; length += 1) {
    const dir = `/${parts.slice(0, length).join('/')}`;
    if (trusted.has(dir)) continue;
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) throw new Error(`${dir} is not a directory (a symlink?)`);
    checkOwner(dir, stat.uid, stat.mode, true);
    trusted.add(dir);
  }
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`${path} is not a regular file`);
    checkOwner(path, stat.uid, stat.mode, false);
    if (stat.size > maxRecordBytes) throw new Error(`${path} is larger than ${maxRecordBytes} bytes`);
    // One read of the size fstat gave: the record is written by rename, never in place.
    const buffer = Buffer.allocUnsafe(stat.size);
    const length = readSync(fd, buffer, 0, stat.size, 0);
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/** Root's, and writable by no one else; a sticky directory (such as /tmp) lets no one else replace root's entries. */
function checkOwner(path: string, uid: number, mode: number, directory: boolean): void {
  if (uid !== 0) throw new Error(`${path} is owned by uid ${uid}, not root`);
  const sticky = directory && (mode & 0o1000) !== 0;
  if ((mode & 0o022) !== 0 && !sticky) throw new Error(`${path} is writable by others (mode ${(mode & 0o7777).toString(8)})`);
}
