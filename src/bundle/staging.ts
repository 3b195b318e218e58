import { chownSync, closeSync, constants, lstatSync, openSync, readdirSync, realpathSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, posix } from 'node:path';
import { HardrunError, isErrno } from '../errors.js';
import { isBindMount, isSameOrBelow, normalizeDestination } from '../spec/mount-options.js';
import { hostFacts } from '../host/facts.js';
import type { IdmapMounts } from '../harden/settings.js';
import { mountAt, mountPointsBelow, overlayLayers, parseMountTable } from '../host/mountinfo.js';
import { isMountedAtOrBelow, whatSourceShows } from '../checks/source-identity.js';
import type { Slot } from '../state/id-slots.js';
import type { Mount, Spec } from '../spec/types.js';
import { sha256Hex } from '../host/digest.js';
import { lockedOptionsOf } from '../host/mount-flags.js';
import { createMountpoint } from './secure-join.js';
import { rootfsOf } from './rootfs.js';
import { directoryModes, ensureOwnDirectory, makeDirectory, runDir } from '../host/directories.js';

/**
 * Under a user namespace the container's root is an unprivileged host uid,
 * and Docker keeps the rootfs and the sources of its bind mounts under
 * /var/lib/docker (mode 0710), which that uid cannot traverse. So hardrun
 * mounts each of them under a world-traversable per-container directory and
 * points the spec there, as idmapped mounts wherever it can, so that files
 * keep their owners: a file owned by host uid 0 is owned by the container's
 * root, and what container root writes in a bind is owned by uid 0 on disk,
 * as under runc. The mounts are made in a mount namespace private to the
 * backend (stage-mounts.ts): on the host only empty directories and files
 * remain, which `delete` removes. runc `exec` changes into root.path on the
 * host before joining the container, which an empty directory satisfies.
 */
export const stagingBase = runDir;

/**
 * How the container's root is shown to it:
 * - `overlay`: the rootfs is an overlay mount (Docker's overlay2,
 *   containerd's overlayfs snapshotter). An overlay cannot be idmapped, but
 *   its layers can: a new overlay of the idmapped layers, the container's
 *   own layer on top. Read-only, or with an upper of hardrun's on disk
 *   beside the container's layer when the root is writable. `shared` is the
 *   directory above every layer when one idmapped view of it shows them
 *   all: the layers are real directories on its own mount (the engines'
 *   storage is laid out so), and their paths need no escaping.
 * - `tree`: any other directory or mount, idmapped as it is (a plain
 *   directory rootfs, as `runc run` users have).
 * - `bind`: a plain bind, where idmapping cannot apply; files then show as
 *   nobody, as before idmapped mounts. Staging says why.
 */
export type RootView =
  | { readonly kind: 'overlay'; readonly layers: readonly string[]; readonly upper?: { readonly upper: string; readonly work: string }; readonly shared?: string }
  | { readonly kind: 'tree' }
  | { readonly kind: 'bind'; readonly reason: string };

export interface StagedBind {
  /** The host path as the checks judged it, symlinks resolved. */
  readonly source: string;
  readonly target: string;
  readonly kind: 'dir' | 'file';
  readonly recursive: boolean;
  readonly idmap: boolean;
}

export interface StagingPlan {
  readonly dir: string;
  /** The spec with root.path and bind sources pointing into `dir`. */
  readonly spec: Spec;
  /** The original rootfs, where missing mountpoints are created, and the view the container gets of it. */
  readonly rootfs: string;
  readonly root: RootView;
  readonly binds: readonly StagedBind[];
  readonly mountpoints: readonly { readonly path: string; readonly kind: 'dir' | 'file' }[];
}

export interface StagingOptions {
  /** The host's /proc/self/mountinfo, where the rootfs's overlay layers are read. */
  readonly mountinfo: string;
  readonly idmapMounts: IdmapMounts;
  readonly plainBindPaths: readonly string[];
  /** The caller's own paths (`--root`): the engine state they lie under is never idmapped. */
  readonly callerPaths?: readonly string[];
}

export function stagingDirFor(root: string, id: string): string {
  const key = sha256Hex(root).slice(0, 12);
  return `${stagingBase}/${key}-${id}`;
}

/** Where an overlay root's idmapped layers are attached while its overlay is mounted (an empty directory after). */
export function layersViewOf(dir: string): string {
  return `${dir}/layers`;
}

export function needsStaging(spec: Spec): boolean {
  return spec.linux?.namespaces?.some(namespace => namespace.type === 'user' && namespace.path === undefined) === true
    && (spec.linux.uidMappings?.length ?? 0) > 0;
}

/** Where Docker's named volumes and Kubernetes' volumes live, whatever the data root: the group is the volume's own place. */
const volumeSource = /^(.*\/volumes\/[^/]+)\/_data(?:\/|$)|^(\/var\/lib\/kubelet\/pods\/[^/]+\/volumes)\//;

/**
 * Whether a bind of the host path `source` (symlinks resolved) is idmapped.
 * Never a Unix socket (through an idmapped bind, container root could use
 * an engine's API socket as its owner), nor the container engine's own
 * storage and state, wherever they are (`enginePaths`), nor a parent of
 * them. A volume is idmapped by its place only where it is an ordinary
 * directory of the engine's volume store; one that is a mount of its own
 * (a Docker local volume's `o=bind`, a tmpfs) is taken as what it shows:
 * the host directory it binds, judged by these same rules, or a filesystem
 * of its own, idmapped as a volume. (The checks have refused what may not
 * be shown at all.)
 */
function wantsIdmap(source: string, options: StagingOptions, enginePaths: readonly string[]): boolean {
  if (options.idmapMounts === 'none' || isSocket(source)) return false;
  let judged = source;
  const volume = volumeSource.exec(source);
  if (volume !== null) {
    const table = parseMountTable(options.mountinfo);
    if (!isMountedAtOrBelow(source, volume[1] ?? volume[2] ?? source, table)) return true;
    const shows = whatSourceShows(source, table);
    if (shows.kind !== 'path') return false;
    const elsewhere = shows.hostPaths[1];
    if (elsewhere === undefined) return true;
    judged = elsewhere;
  }
  if (enginePaths.some(path => isSameOrBelow(judged, path) || isSameOrBelow(path, judged))) return false;
  return options.idmapMounts === 'all' && !options.plainBindPaths.some(path => isSameOrBelow(judged, path));
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

/**
 * The engine's own directories, read from where the caller keeps this
 * container: the data root above its image layers (Docker's
 * `<root>/overlay2/<layer>/diff`, containerd's
 * `<root>/io.containerd.snapshotter.v1.overlayfs/snapshots/<n>/fs`), the exec
 * root above `--root` (`<exec-root>/runtime-runc/moby`), and containerd's
 * state above the bundle (`<state>/io.containerd.runtime.v2.task/<ns>/<id>`).
 */
function enginePathsOf(root: RootView, callerPaths: readonly string[]): string[] {
  const paths: string[] = [];
  const cut = (path: string, marker: RegExp): void => {
    const match = marker.exec(path);
    if (match !== null && match.index > 0) paths.push(path.slice(0, match.index));
  };
  if (root.kind === 'overlay') for (const layer of root.layers) cut(layer, /\/(?:overlay2|io\.containerd\.snapshotter\.v1\.[^/]+)\//);
  for (const path of callerPaths) {
    cut(path, /\/runtime-[^/]+\/[^/]+$/);
    cut(path, /\/io\.containerd\.runtime\.v[12]\.task\//);
  }
  return [...new Set(paths)];
}

export function planStaging(spec: Spec, bundle: string, dir: string, options: StagingOptions): StagingPlan {
  const rootfs = rootfsOf(spec, bundle);
  const root = rootViewOf(rootfs, options.mountinfo, spec.root?.readonly === true);
  const enginePaths = enginePathsOf(root, [...(options.callerPaths ?? []), bundle]);
  const binds: StagedBind[] = [];
  const mountpoints: { path: string; kind: 'dir' | 'file' }[] = [];
  const mounts: Mount[] = (spec.mounts ?? []).map((mount, index) => {
    const earlier = (spec.mounts ?? []).slice(0, index);
    let kind: 'dir' | 'file' = 'dir';
    let staged = mount;
    if (isBindMount(mount) && mount.source !== undefined) {
      // The path the checks judged (hostFacts answers once per path): staging
      // opens exactly this one, following no symlink, and mounts what it opened.
      const real = hostFacts.realpath(normalizeDestination(isAbsolute(mount.source) ? mount.source : posix.join(bundle, mount.source)));
      kind = sourceKind(real, mount.destination);
      const target = `${dir}/m${index}`;
      const idmap = wantsIdmap(real, options, enginePaths);
      const recursive = (mount.options ?? []).includes('rbind');
      binds.push({ source: real, target, kind, recursive, idmap });
      const current = mount.options ?? [];
      // The kernel locks a mount's nosuid, nodev, noexec and atime flags for
      // a user namespace: runc's remount of the bind must repeat them.
      const locked = [...lockedOptionsOf(real, options.mountinfo), ...(idmap ? ['nosuid', 'nodev'] : [])];
      const added = [...new Set(locked)].filter(option => !current.includes(option));
      staged = { ...mount, source: target, ...(added.length === 0 ? {} : { options: [...current, ...added] }) };
    }
    // A mountpoint inside another mount is made by the backend in that
    // filesystem (a tmpfs, /proc...), or belongs to a host volume: skip it.
    const nested = earlier.some(other => mount.destination !== other.destination && isSameOrBelow(mount.destination, other.destination));
    if (!nested && mount.destination !== '/') mountpoints.push({ path: mount.destination, kind });
    return staged;
  });
  const staged: Spec = { ...spec, root: { ...spec.root, path: `${dir}/rootfs` }, ...(spec.mounts === undefined ? {} : { mounts }) };
  return { dir, spec: staged, rootfs, root, binds, mountpoints };
}

/** The idmapped view the rootfs can have, judged from the host's mount table. */
export function rootViewOf(rootfs: string, mountinfo: string, readonly: boolean): RootView {
  const found = rootLayersOf(rootfs, mountinfo);
  if (!('layers' in found)) return found;
  const shared = found.shared === undefined ? {} : { shared: found.shared };
  if (readonly) return { kind: 'overlay', layers: found.layers, ...shared };
  // A writable root: hardrun's own upper beside the container's layer, so
  // that the engine's storage removes it with the container.
  // Named after that layer, so that two containers' layers in one directory never share it.
  const own = found.layers[0];
  if (own === undefined) return { kind: 'bind', reason: 'the overlay names no layers' };
  const beside = `${dirname(own)}/hardrun-${basename(own)}`;
  return { kind: 'overlay', layers: found.layers, upper: { upper: `${beside}-upper`, work: `${beside}-work` }, ...shared };
}

type RootLayers = { readonly layers: readonly string[]; readonly shared?: string } | Exclude<RootView, { kind: 'overlay' }>;

/**
 * One create asks twice (for the upper an earlier run left, then for the
 * plan), with the same mount table read once: the last answer is kept for
 * that rootfs and that very text, so its layers are resolved and checked
 * once, not once per question.
 */
let lastLayers: { readonly rootfs: string; readonly mountinfo: string; readonly found: RootLayers } | undefined;

function rootLayersOf(rootfs: string, mountinfo: string): RootLayers {
  if (lastLayers?.rootfs === rootfs && lastLayers.mountinfo === mountinfo) return lastLayers.found;
  const found = findRootLayers(rootfs, mountinfo);
  lastLayers = { rootfs, mountinfo, found };
  return found;
}

function findRootLayers(rootfs: string, mountinfo: string): RootLayers {
  let real: string;
  try {
    real = realpathSync(rootfs);
  } catch (error) {
    return { kind: 'bind', reason: `the root filesystem cannot be resolved: ${(error as Error).message}` };
  }
  const mount = mountAt(mountinfo, real);
  if (mount === undefined || mount.fsType !== 'overlay') return { kind: 'tree' };
  const found = overlayLayers(mount);
  if ('refused' in found) return { kind: 'bind', reason: found.refused };
  // Docker names its lower layers by short links (l/ABC -> ../<id>/diff):
  // resolved, they share the driver's directory, which one view shows.
  const layers: string[] = [];
  for (const layer of found.layers) {
    const resolved = realDirectory(layer);
    if (resolved === undefined) return { kind: 'bind', reason: `the overlay layer ${layer} is not a directory hardrun can reach` };
    layers.push(resolved);
  }
  const shared = sharedParentOf(layers, mountinfo);
  return { layers, ...(shared === undefined ? {} : { shared }) };
}

/**
 * The deepest directory above every layer, when one idmapped view of it can
 * stand for each layer's own: not `/`, no layer on a mount below it (a view
 * of one mount shows nothing mounted beneath it), no symlink between it and
 * a layer (one could lead out of the view), and every path below it plain
 * enough to name in the overlay's options unescaped.
 */
function sharedParentOf(layers: readonly string[], mountinfo: string): string | undefined {
  const parts = layers.map(layer => layer.split('/'));
  const [first = []] = parts;
  const common: string[] = [];
  for (let i = 0; i < first.length - 1 && parts.every(part => i < part.length - 1 && part[i] === first[i]); i++) common.push(first[i] ?? '');
  const parent = common.join('/');
  if (parent === '' || !parent.startsWith('/')) return undefined;
  const mounts = mountPointsBelow(mountinfo, parent);
  const checked = new Set<string>();
  for (const layer of layers) {
    const below = layer.slice(parent.length + 1);
    if (!/^[A-Za-z0-9._/-]+$/.test(below) || below.split('/').some(part => part === '' || part === '.' || part === '..')) return undefined;
    if (mounts.some(point => layer === point || layer.startsWith(`${point}/`))) return undefined;
    for (let at = layer.indexOf('/', parent.length + 1); ; at = layer.indexOf('/', at + 1)) {
      const path = at < 0 ? layer : layer.slice(0, at);
      if (!checked.has(path) && !isRealDirectory(path)) return undefined;
      checked.add(path);
      if (at < 0) break;
    }
  }
  return parent;
}

function isRealDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realDirectory(path: string): string | undefined {
  try {
    const real = realpathSync(path);
    return statSync(real).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the staging directory, its (empty) bind targets, the mountpoints
 * the image lacks, and for a writable root hardrun's upper layer, whose top
 * directory belongs to the container's root.
 */
export function prepareStaging(plan: StagingPlan, ids: Slot): void {
  ensureOwnDirectory(stagingBase, directoryModes.traversable);
  ensureOwnDirectory(plan.dir, directoryModes.traversable);
  const views = plan.root.kind === 'overlay' ? [{ target: layersViewOf(plan.dir), kind: 'dir' as const }] : [];
  for (const bind of [{ target: `${plan.dir}/rootfs`, kind: 'dir' as const }, ...views, ...plan.binds]) {
    let made: boolean;
    try {
      made = bind.kind === 'dir' ? makeDirectory(bind.target, directoryModes.traversable) : makeEmptyFile(bind.target);
    } catch (error) {
      throw stagingError(plan.dir, error);
    }
    // Left by a container whose delete could not remove it: usable only as what it was.
    const existing = made ? undefined : lstatSync(bind.target);
    if (existing !== undefined && (bind.kind === 'dir' ? !existing.isDirectory() : !existing.isFile())) {
      throw stagingError(plan.dir, new Error(`${bind.target} was left behind by an earlier container and is not a ${bind.kind === 'dir' ? 'directory' : 'file'} (hardrun doctor lists such directories)`));
    }
  }
  for (const mountpoint of plan.mountpoints) createMountpoint(plan.rootfs, mountpoint.path, mountpoint.kind);
  if (plan.root.kind === 'overlay' && plan.root.upper !== undefined) prepareUpper(plan.root.upper, ids);
}

/**
 * hardrun's upper layer of a writable root. Created once, as the container
 * root's: what it writes is kept across restarts, as in the engine's own
 * layer, under the host ids of the container that wrote it (create prefers
 * those ids again: see upperOwner).
 */
function prepareUpper(upper: { readonly upper: string; readonly work: string }, ids: Slot): void {
  try {
    if (makeDirectory(upper.upper, directoryModes.containerRoot)) chownSync(upper.upper, ids.uids.hostID, ids.gids.hostID);
    makeDirectory(upper.work, directoryModes.private);
  } catch (error) {
    throw stagingError(upper.upper, error);
  }
  for (const path of [upper.upper, upper.work]) {
    if (!lstatSync(path).isDirectory()) throw stagingError(path, new Error('not a directory'));
  }
}

/**
 * The host uid that owns hardrun's upper layer of a writable root, left by
 * an earlier run of the same container (`docker restart`): the slot its
 * writes belong to, which create then prefers.
 */
export function existingUpperOwner(spec: Spec, bundle: string, mountinfo: string): number | undefined {
  if (spec.root?.readonly === true) return undefined;
  const root = rootViewOf(rootfsOf(spec, bundle), mountinfo, false);
  if (root.kind !== 'overlay' || root.upper === undefined) return undefined;
  try {
    return lstatSync(root.upper.upper).uid;
  } catch {
    return undefined;
  }
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


/** A bind target for a file (its mode is the mounted file's once mounted); false when one was there. */
function makeEmptyFile(path: string): boolean {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644));
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
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
