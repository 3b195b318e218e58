import { closeSync, mkdirSync, mkdtempSync, openSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { HardrunError } from '../errors.js';
import { cString, loadLibc } from './libc.js';
import type { IdRange } from './subid.js';

// The new mount API's syscall numbers are the same on every architecture
// hardrun builds for (x86_64 and arm64 share the unified table).
const SYS_OPEN_TREE = 428;
const SYS_MOVE_MOUNT = 429;
const SYS_MOUNT_SETATTR = 442;
const AT_FDCWD = -100;
const AT_EMPTY_PATH = 0x1000;
const AT_RECURSIVE = 0x8000;
const OPEN_TREE_CLONE = 1;
const OPEN_TREE_CLOEXEC = 0x80000;
const MOVE_MOUNT_F_EMPTY_PATH = 4;
const MOUNT_ATTR_NOSUID = 0x2;
const MOUNT_ATTR_NODEV = 0x4;
const MOUNT_ATTR_IDMAP = 0x10_0000;
const CLONE_VM = 0x100;
const CLONE_NEWUSER = 0x1000_0000;
const SIGCHLD = 17;
const SIGKILL = 9;
const MNT_DETACH = 2;
/** How long the user-namespace child waits for its maps before it exits on its own. */
const childSeconds = 10;

/** Why an idmapped mount could not be made, as the kernel said it. */
export class IdmapRefused extends Error {}

/**
 * A user-namespace descriptor whose maps are `uids` and `gids` from
 * container id 0, for mount_setattr(MOUNT_ATTR_IDMAP). A user namespace
 * needs a process to be made in, and the engine has threads, which
 * unshare(CLONE_NEWUSER) refuses: so a child is cloned straight into a new
 * one, parked in sleep(3) on a stack of its own (it runs no JavaScript),
 * given its maps, and killed once its namespace is held by a descriptor.
 * It shares the engine's memory (CLONE_VM): copying the page tables of a
 * Bun process would cost about 0.8 ms, and the child touches nothing but
 * its own stack. The sleep is bounded: an engine killed in between (SIGKILL
 * cannot be caught) would otherwise leave the child parked for good, and
 * with it the user namespace and the dead engine's memory.
 */
export async function openUserNamespace(uids: IdRange, gids: IdRange): Promise<number> {
  const { libc, ptr, fail } = await loadLibc();
  const sleep = libc.symbols.dlsym(null, ptr(cString('sleep')));
  if (!sleep) throw new HardrunError('userns', 'cannot find sleep(3) in libc');
  const stack = new Uint8Array(64 * 1024);
  // Pointers exceed 32 bits: align with arithmetic, not with `&`.
  const end = ptr(stack) + stack.length - 64;
  const top = end - (end % 16);
  const pid = libc.symbols.clone(sleep, top, CLONE_VM | CLONE_NEWUSER | SIGCHLD, childSeconds);
  if (pid < 0) throw fail('create a user namespace for idmapped mounts');
  try {
    writeFileSync(`/proc/${pid}/uid_map`, `0 ${uids.hostID} ${uids.size}\n`);
    writeFileSync(`/proc/${pid}/gid_map`, `0 ${gids.hostID} ${gids.size}\n`);
    return openSync(`/proc/${pid}/ns/user`, 'r');
  } catch (error) {
    throw new HardrunError('userns', `cannot set up the user namespace for idmapped mounts: ${(error as Error).message}`, { cause: error });
  } finally {
    libc.symbols.kill(pid, SIGKILL);
    libc.symbols.waitpid(pid, null, 0);
  }
}

export interface IdmapOptions {
  /** Clone the whole tree below `source` (a bind's `rbind`), not just its top mount. */
  readonly recursive: boolean;
  readonly nosuid?: boolean;
  readonly nodev?: boolean;
}

/**
 * A detached copy of the mount tree at `source`, idmapped through `userns`:
 * a file owned by host uid 0 shows as the namespace's root. It is attached
 * nowhere; `attachTree` puts it in place, or an overlay takes it as a layer
 * through /proc/self/fd. Throws IdmapRefused when the filesystem or kernel
 * does not allow it.
 */
export async function idmappedTree(source: string | OpenedSource, userns: number, options: IdmapOptions): Promise<number> {
  const { libc, ptr, errno, errnoName } = await loadLibc();
  const recursive = options.recursive ? AT_RECURSIVE : 0;
  const fd = typeof source === 'string'
    ? Number(libc.symbols.syscall(SYS_OPEN_TREE, AT_FDCWD, ptr(cString(source)), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | recursive, 0, 0))
    : Number(libc.symbols.syscall(SYS_OPEN_TREE, source.fd, ptr(cString('')), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH | recursive, 0, 0));
  const named = typeof source === 'string' ? source : source.path;
  if (fd < 0) throw new IdmapRefused(`open_tree ${named}: ${errnoName(errno())}`);
  const set = MOUNT_ATTR_IDMAP | (options.nosuid ? MOUNT_ATTR_NOSUID : 0) | (options.nodev ? MOUNT_ATTR_NODEV : 0);
  const attr = new BigUint64Array([BigInt(set), 0n, 0n, BigInt(userns)]);
  if (Number(libc.symbols.syscall(SYS_MOUNT_SETATTR, fd, ptr(cString('')), AT_EMPTY_PATH | recursive, ptr(attr), attr.byteLength)) !== 0) {
    const reason = errnoName(errno());
    closeSync(fd);
    throw new IdmapRefused(`idmap ${named}: ${reason}`);
  }
  return fd;
}

/** A bind source opened by openSource: its descriptor (O_PATH), and the path it was opened by. */
export interface OpenedSource {
  readonly fd: number;
  readonly path: string;
}

const SYS_OPENAT2 = 437;
const O_PATH = 0o10000000;
const O_CLOEXEC = 0o2000000;
const RESOLVE_NO_MAGICLINKS = 0x02;
const RESOLVE_NO_SYMLINKS = 0x04;
const ELOOP = 40;
const ENOSYS = 38;

/**
 * Opens a bind source by the path the checks judged (symlinks resolved),
 * following no symlink on the way (openat2, RESOLVE_NO_SYMLINKS): what
 * staging mounts is then the object judged, even if the path is changed
 * after. A component that became a symlink since is refused in a sentence.
 * Undefined on a kernel without openat2 (before 5.6), where staging mounts
 * by path as before.
 */
export async function openSource(path: string): Promise<OpenedSource | undefined> {
  const { libc, ptr, errno, fail } = await loadLibc();
  const how = new BigUint64Array([BigInt(O_PATH | O_CLOEXEC), 0n, BigInt(RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)]);
  const fd = Number(libc.symbols.syscall(SYS_OPENAT2, AT_FDCWD, ptr(cString(path)), ptr(how), how.byteLength, 0));
  if (fd >= 0) return { fd, path };
  const code = errno();
  if (code === ENOSYS) return undefined;
  if (code === ELOOP) {
    throw new HardrunError('mount-source', `the source ${path} of a bind mount changed while hardrun created the container (a symlink is in its path now, where hardrun judged it without one): the container is refused; create it again`);
  }
  throw fail(`open the bind source ${path}`);
}

/** Attaches a detached tree (from idmappedTree) on `target`, then closes its descriptor. */
export async function attachTree(fd: number, target: string): Promise<void> {
  const { libc, ptr, fail } = await loadLibc();
  const result = Number(libc.symbols.syscall(SYS_MOVE_MOUNT, fd, ptr(cString('')), AT_FDCWD, ptr(cString(target)), MOVE_MOUNT_F_EMPTY_PATH));
  const error = result === 0 ? undefined : fail(`mount on ${target}`);
  closeSync(fd);
  if (error !== undefined) throw error;
}

/**
 * A plain bind of `source` on `target` (the view where idmapping is not
 * possible or not wanted), with nosuid and nodev when asked for.
 */
export async function bindTree(source: string | OpenedSource, target: string, options: IdmapOptions): Promise<void> {
  const { libc, ptr, fail } = await loadLibc();
  const MS_BIND = 0x1000;
  const MS_REC = 0x4000;
  const flags = MS_BIND | (options.recursive ? MS_REC : 0);
  // An opened source is bound through its descriptor: the object opened, whatever its path names by now.
  const from = typeof source === 'string' ? source : `/proc/self/fd/${source.fd}`;
  const named = typeof source === 'string' ? source : source.path;
  if (libc.symbols.mount(ptr(cString(from)), ptr(cString(target)), null, BigInt(flags), null) !== 0) throw fail(`bind ${named} on ${target}`);
  if (options.nosuid === true || options.nodev === true) {
    const attr = new BigUint64Array([BigInt((options.nosuid ? MOUNT_ATTR_NOSUID : 0) | (options.nodev ? MOUNT_ATTR_NODEV : 0)), 0n, 0n, 0n]);
    if (Number(libc.symbols.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, ptr(cString(target)), options.recursive ? AT_RECURSIVE : 0, ptr(attr), attr.byteLength)) !== 0) {
      throw fail(`make ${target} nosuid,nodev`);
    }
  }
}

/**
 * An overlay on `target` whose layers (top first) are idmapped mounts,
 * attached at paths in this mount namespace (kernels before 6.13 refuse
 * detached ones as layers: "failed to clone lowerpath"). Relative layer
 * paths are taken from `relativeTo`, as Docker names its layers, so that
 * many fit in the one page the kernel reads the options from. With no
 * `upper` it is read-only; with one, writes land there as the container's
 * host ids (the upper cannot itself be idmapped: host root, who mounts it,
 * has no id in the mapping). The overlay holds its own reference to each
 * layer: the mounts they were found at may go once it is mounted.
 */
export async function mountOverlay(target: string, layers: readonly string[], upper?: { readonly upper: string; readonly work: string }, relativeTo?: string): Promise<void> {
  const { libc, ptr, fail } = await loadLibc();
  const lowers = layers.join(':');
  const options = upper === undefined ? `lowerdir=${lowers}` : `lowerdir=${lowers},upperdir=${upper.upper},workdir=${upper.work}`;
  const MS_RDONLY = 1;
  const previous = process.cwd();
  if (relativeTo !== undefined) process.chdir(relativeTo);
  try {
    if (libc.symbols.mount(ptr(cString('overlay')), ptr(cString(target)), ptr(cString('overlay')), BigInt(upper === undefined ? MS_RDONLY : 0), ptr(cString(options))) !== 0) {
      throw fail(`mount the idmapped overlay on ${target}`);
    }
  } finally {
    if (relativeTo !== undefined) process.chdir(previous);
  }
}

/** A small private tmpfs on `target`, where the idmapped layers are attached while their overlay is mounted. */
export async function mountScratchTmpfs(target: string): Promise<void> {
  const { libc, ptr, fail } = await loadLibc();
  const MS_NOSUID = 0x2;
  const MS_NODEV = 0x4;
  const MS_NOEXEC = 0x8;
  if (libc.symbols.mount(ptr(cString('tmpfs')), ptr(cString(target)), ptr(cString('tmpfs')), BigInt(MS_NOSUID | MS_NODEV | MS_NOEXEC), ptr(cString('size=64k,mode=0700'))) !== 0) {
    throw fail(`mount a tmpfs on ${target}`);
  }
}

/** Detaches whatever is mounted on each target, last first (undoing staging). */
export async function detachAll(targets: readonly string[]): Promise<void> {
  if (targets.length === 0) return;
  const { libc, ptr } = await loadLibc();
  for (const target of [...targets].reverse()) libc.symbols.umount2(ptr(cString(target)), MNT_DETACH);
}

let probeNamespace = false;

/**
 * Whether a create can keep owners here: what staging does with image
 * layers, done on the directory `place` (the engines' storage), in a mount
 * namespace of this process's own (nothing reaches the host): an idmapped
 * view of it attached in a private tmpfs, then a read-only overlay of that
 * view, whose top directory must show as the mapped owner. Undefined when
 * it works, else why not (kernels before 6.13 take only attached idmapped
 * layers; some filesystems take none).
 */
export async function probeIdmappedOverlay(place: string): Promise<string | undefined> {
  const { libc, ptr, fail } = await loadLibc();
  const mapped = { hostID: 1_610_612_736, size: 65_536 };
  if (!probeNamespace) {
    const CLONE_NEWNS = 0x20000;
    const MS_REC = 0x4000;
    const MS_SLAVE = 0x80000;
    if (libc.symbols.unshare(CLONE_NEWNS) !== 0) return fail('enter a private mount namespace').message;
    if (libc.symbols.mount(null, ptr(cString('/')), null, BigInt(MS_REC | MS_SLAVE), null) !== 0) return fail('make / a slave mount').message;
    probeNamespace = true;
  }
  const scratch = mkdtempSync('/tmp/hardrun-doctor-');
  let userns: number | undefined;
  try {
    await mountScratchTmpfs(scratch);
    for (const name of ['layer', 'empty', 'merged']) mkdirSync(`${scratch}/${name}`);
    userns = await openUserNamespace(mapped, mapped);
    await attachTree(await idmappedTree(place, userns, { recursive: false }), `${scratch}/layer`);
    await mountOverlay(`${scratch}/merged`, ['layer', 'empty'], undefined, scratch);
    const owner = statSync(`${scratch}/merged`).uid;
    const expected = statSync(place).uid + mapped.hostID;
    return owner === expected ? undefined : `the overlay shows ${place}'s owner as ${owner}, not ${expected}`;
  } catch (error) {
    return (error as Error).message;
  } finally {
    if (userns !== undefined) closeSync(userns);
    await detachAll([scratch]);
    // Never recursive: were the tmpfs still there, the idmapped storage would be under it.
    try {
      rmdirSync(scratch);
    } catch {
      // Left for the host's /tmp cleaning; it holds nothing.
    }
  }
}
