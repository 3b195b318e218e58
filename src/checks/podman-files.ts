/**
 * containers/storage (Podman's storage library) keeps each container's own
 * directory at <storage root>/<driver>-containers/<id>/userdata, and Podman
 * hands that directory to the runtime as the bundle.
 */
const storageBundle = /^(\/.+)\/([a-z0-9]+)-containers\/[^/]+\/userdata$/;

/**
 * The files Podman binds into a container from beneath its storage root,
 * as allow-list patterns: the container's /dev/shm (a tmpfs Podman mounts
 * there) and its secrets (`--secret`). Only when the call's bundle is a
 * container's userdata under the same storage root as its rootfs, and only
 * this container's (`{id}`), by name: the same directory holds conmon's
 * attach socket, its control and resize fifos, the container's log and its
 * config.json, and another container's directory holds the same for it; the
 * images, layers and Podman's database beside them. All of those stay
 * refused. The rest of a container's files (/etc/hosts, /etc/hostname,
 * /etc/resolv.conf, /run/.containerenv) come from Podman's run root, which
 * the call does not name.
 */
export function podmanFilesOf(bundle: string, dataRoot: string, realpath: (path: string) => string): string[] {
  const match = storageBundle.exec(bundle);
  // Podman names the rootfs by the storage root resolved, the bundle as configured (perhaps through a symlink).
  if (match?.[1] === undefined || realpath(match[1]) !== realpath(dataRoot)) return [];
  const userdata = `${dataRoot}/${match[2]}-containers/{id}/userdata`;
  return [`${userdata}/shm`, `${userdata}/secrets/*`];
}
