import { closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, realpathSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { BindMount } from '../backend/exec.js';
import { HardrunError } from '../errors.js';
import { isBindMount, isSameOrBelow } from '../harden/mount-options.js';
import type { Mount, Spec } from '../spec/types.js';
import { isErrno } from '../state/record.js';
import { sha256Hex } from '../host/digest.js';
import { lockedOptionsOf } from '../host/mount-flags.js';
import { createMountpoint } from './secure-join.js';

/**
 * Under a user namespace the container's root is an unprivileged host uid,
 * and Docker keeps the rootfs and the sources of its bind mounts under
 * /var/lib/docker (mode 0710), which that uid cannot traverse. So hardrun
 * binds each of them under a world-traversable per-container directory and
 * points the spec there. The binds are made in a mount namespace private to
 * the backend (see execBackend): on the host only empty directories and
 * files remain, which `delete` removes. runc `exec` changes into root.path on
 * the host before joining the container, which an empty directory satisfies.
 */
export const stagingBase = '/run/hardrun';

export interface StagingPlan {
  readonly dir: string;
  /** The spec with root.path and bind sources pointing into `dir`. */
  readonly spec: Spec;
  readonly binds: readonly (BindMount & { readonly kind: 'dir' | 'file' })[];
  /** The original rootfs, where missing mountpoints are created. */
  readonly rootfs: string;
  readonly mountpoints: readonly { readonly path: string; readonly kind: 'dir' | 'file' }[];
}

export function stagingDirFor(root: string, id: string): string {
  const key = sha256Hex(root).slice(0, 12);
  return `${stagingBase}/${key}-${id}`;
}

export function needsStaging(spec: Spec): boolean {
  return spec.linux?.namespaces?.some(namespace => namespace.type === 'user' && namespace.path === undefined) === true
    && (spec.linux?.uidMappings?.length ?? 0) > 0;
}

/**
 * The rootfs directory on the host. Its last component must not be a
 * symlink: hardrun creates mountpoints inside it as host root, and a
 * bundle's `rootfs -> /etc` would have it write into the host's /etc.
 */
export function rootfsOf(spec: Spec, bundle: string): string {
  const rootPath = spec.root?.path ?? 'rootfs';
  const rootfs = isAbsolute(rootPath) ? rootPath : resolve(bundle, rootPath);
  let isLink = false;
  try {
    isLink = lstatSync(rootfs).isSymbolicLink();
  } catch (error) {
    throw new HardrunError('rootfs', `the root filesystem ${rootfs} cannot be used: ${(error as Error).message}`, { cause: error });
  }
  if (isLink) throw new HardrunError('rootfs', `the root filesystem ${rootfs} is a symlink; root.path must name the directory itself`);
  return rootfs;
}

export function planStaging(spec: Spec, bundle: string, dir: string): StagingPlan {
  const rootfs = rootfsOf(spec, bundle);
  const binds: (BindMount & { kind: 'dir' | 'file' })[] = [{ source: rootfs, target: `${dir}/rootfs`, kind: 'dir' }];
  const mountpoints: { path: string; kind: 'dir' | 'file' }[] = [];
  const mounts: Mount[] = (spec.mounts ?? []).map((mount, index) => {
    const earlier = (spec.mounts ?? []).slice(0, index);
    let kind: 'dir' | 'file' = 'dir';
    let staged = mount;
    if (isBindMount(mount) && mount.source !== undefined) {
      const source = isAbsolute(mount.source) ? mount.source : resolve(bundle, mount.source);
      kind = sourceKind(source, mount.destination);
      const target = `${dir}/m${index}`;
      binds.push({ source, target, kind });
      const options = mount.options ?? [];
      const locked = lockedOptionsOf(realpathOrSelf(source)).filter(option => !options.includes(option));
      staged = { ...mount, source: target, ...(locked.length === 0 ? {} : { options: [...options, ...locked] }) };
    }
    // A mountpoint inside another mount is made by the backend in that
    // filesystem (a tmpfs, /proc...), or belongs to a host volume: skip it.
    const nested = earlier.some(other => mount.destination !== other.destination && isSameOrBelow(mount.destination, other.destination));
    if (!nested && mount.destination !== '/') mountpoints.push({ path: mount.destination, kind });
    return staged;
  });
  const staged: Spec = { ...spec, root: { ...spec.root, path: `${dir}/rootfs` }, ...(spec.mounts === undefined ? {} : { mounts }) };
  return { dir, spec: staged, binds, rootfs, mountpoints };
}

/** Creates the staging directory, its (empty) bind targets, and the mountpoints the image lacks. */
export function prepareStaging(plan: StagingPlan): void {
  makeTraversableDir(stagingBase);
  makeTraversableDir(plan.dir);
  for (const bind of plan.binds) {
    try {
      if (bind.kind === 'dir') mkdirSync(bind.target, { mode: 0o711 });
      else closeSync(openSync(bind.target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644));
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw stagingError(plan.dir, error);
      // Left by a container whose delete could not remove it: usable only as what it was.
      const existing = lstatSync(bind.target);
      if (bind.kind === 'dir' ? !existing.isDirectory() : !existing.isFile()) {
        throw stagingError(plan.dir, new Error(`${bind.target} was left behind by an earlier container and is not a ${bind.kind === 'dir' ? 'directory' : 'file'} (hardrun doctor lists such directories)`));
      }
    }
  }
  for (const mountpoint of plan.mountpoints) createMountpoint(plan.rootfs, mountpoint.path, mountpoint.kind);
}

/**
 * Removes a staging directory without ever recursing: each entry is an
 * empty directory or an empty file, and an entry that is not (or that is a
 * mountpoint) makes rmdir or unlink fail instead of deleting what is under it.
 */
export function removeStaging(dir: string): void {
  if (!dir.startsWith(`${stagingBase}/`)) throw new HardrunError('staging', `refusing to remove ${dir}: not a staging directory`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw stagingError(dir, error);
  }
  for (const entry of entries) {
    const path = `${dir}/${entry}`;
    try {
      if (lstatSync(path).isDirectory()) rmdirSync(path);
      else unlinkSync(path);
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw stagingError(dir, error);
    }
  }
  try {
    rmdirSync(dir);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw stagingError(dir, error);
  }
}

function makeTraversableDir(path: string): void {
  try {
    mkdirSync(path, { mode: 0o711 });
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw stagingError(path, error);
  }
  const stat = lstatSync(path);
  if (!stat.isDirectory() || stat.uid !== 0) throw stagingError(path, new Error('not a directory owned by root'));
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function sourceKind(source: string, destination: string): 'dir' | 'file' {
  try {
    return statSync(source).isDirectory() ? 'dir' : 'file';
  } catch (error) {
    throw new HardrunError('mount-source', `the source ${source} of the mount on ${destination} does not exist`, { cause: error });
  }
}

function stagingError(path: string, cause: unknown): HardrunError {
  return new HardrunError('staging', `cannot prepare the user-namespace staging directory ${path}: ${(cause as Error).message}`, { cause });
}
