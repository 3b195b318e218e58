import { isAbsolute, posix } from 'node:path';
import { normalizeDestination } from '../spec/mount-options.js';
import type { Spec } from '../spec/types.js';
import { podmanFilesOf } from './podman-files.js';
import type { Origin } from './types.js';

/** A state directory of the engine that made this call, and what gave it away. */
export interface EnginePath {
  readonly path: string;
  readonly what: string;
}

/** Docker's storage drivers keep image layers and container roots at <data-root>/<driver>/. */
const dockerDrivers = /^(\/.+?)\/(?:overlay2|overlay|fuse-overlayfs|aufs|btrfs|zfs|vfs|devicemapper)\/[^/]+/;
/** Docker (20.10+): --root is <exec-root>/runtime-<runtime>/<namespace>. */
const dockerRoot = /^(\/.+)\/runtime-[^/]+\/[^/]+$/;
/** containerd's runc shim: --root is <state>/runc/<namespace> by default. */
const shimRoot = /^(\/.+)\/runc\/[^/]+$/;
/** containerd: bundles are <state>/io.containerd.runtime.v2.task/<namespace>/<id> (v1: ...v1.linux). */
const containerdBundle = /^(\/.+?)\/io\.containerd\.runtime\.v[12]\.[a-z]+\//;
/** containerd's snapshots, where a rootfs path names them: <root>/io.containerd.snapshotter.v1.<name>/. */
const containerdSnapshots = /^(\/.+?)\/io\.containerd\.snapshotter\.v1\.[^/]+\//;

/**
 * Where the engine that made this call keeps its state, read from the call
 * itself, so that a daemon with another --data-root, --exec-root or a
 * second containerd is protected like one at the default paths: the
 * runtime's --root and hardrun's records beside it, the exec root above
 * it, containerd's state above the bundle, and the data root above the
 * rootfs (Docker's data root, or Podman's storage root, which has the same
 * shape). `allow` relocates the built-in exceptions (per-container files,
 * volumes, CRI sandbox files) to those roots. `realpath` is the host's,
 * where two names of one directory must be told to be the same.
 */
export function enginePathsOf(origin: Origin, spec: Spec, realpath: (path: string) => string = path => path): { paths: EnginePath[]; allow: string[] } {
  const paths: EnginePath[] = [];
  const allow: string[] = [];
  const root = origin.root === undefined || !isAbsolute(origin.root) ? undefined : normalizeDestination(origin.root);
  if (root !== undefined && root !== '/') {
    paths.push({ path: root, what: "the runtime's state directory (--root)" }, { path: `${root}.hardrun`, what: "hardrun's records" });
    const docker = dockerRoot.exec(root)?.[1];
    if (docker !== undefined) paths.push({ path: docker, what: "the engine's exec root (above --root)" });
    const containerd = shimRoot.exec(root)?.[1];
    if (containerd !== undefined) paths.push({ path: containerd, what: "containerd's state directory (above --root)" });
  }
  const state = containerdBundle.exec(`${normalizeDestination(origin.bundle)}/`)?.[1];
  if (state !== undefined) {
    paths.push({ path: state, what: "containerd's state directory (above the bundle)" });
    allow.push(`${state}/io.containerd.grpc.v1.cri/sandboxes/*/*`);
  }
  const rootPath = spec.root?.path;
  if (typeof rootPath === 'string' && rootPath !== '') {
    const rootfs = isAbsolute(rootPath) ? normalizeDestination(rootPath) : normalizeDestination(posix.join(origin.bundle, rootPath));
    const dataRoot = dockerDrivers.exec(rootfs)?.[1];
    if (dataRoot !== undefined) {
      paths.push({ path: dataRoot, what: "the engine's data root (above the rootfs)" });
      allow.push(`${dataRoot}/containers/{id}/*`, `${dataRoot}/containers/{id}/mounts/*`, `${dataRoot}/volumes/*/_data/**`);
      allow.push(...podmanFilesOf(normalizeDestination(origin.bundle), dataRoot, realpath));
    }
    const snapshots = containerdSnapshots.exec(rootfs)?.[1];
    if (snapshots !== undefined) {
      paths.push({ path: snapshots, what: "containerd's root (above the rootfs)" });
      allow.push(`${snapshots}/io.containerd.grpc.v1.cri/sandboxes/*/*`);
    }
  }
  return { paths, allow };
}
