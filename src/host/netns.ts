import { closeSync, constants, fstatSync, openSync, statSync } from 'node:fs';
import { HardrunError } from '../errors.js';
import type { Spec } from '../spec/types.js';
import { loadLibc } from './libc.js';

const CLONE_NEWNET = 0x40000000;

/**
 * runc before 1.3 joins a container's user namespace first and every other
 * namespace after it (libcontainer/nsenter/nsexec.c, join_namespaces; the
 * two-stage join came with opencontainers/runc PR 4492, in 1.3.0). A
 * network namespace that CRI or CNI made belongs to the host's user
 * namespace, which a process of the container's may not enter: a pod
 * container that joins its sandbox's user namespace fails with "failed to
 * setns into net namespace: Operation not permitted", and so does every
 * `runc exec` into a container with its own user namespace and such a
 * network namespace. So hardrun, still host root, joins the network
 * namespace itself on the thread that execve()s the backend, and hands the
 * backend a spec without it: the container inherits it, as runc's and
 * crun's containers inherit any namespace the spec does not name. The
 * checks judged the spec as the caller wrote it, before this.
 */
export function networkNamespaceToJoin(spec: Spec, backendKind: string): string | undefined {
  if (backendKind !== 'runc') return undefined;
  const namespaces = spec.linux?.namespaces ?? [];
  if (!namespaces.some(namespace => namespace.type === 'user')) return undefined;
  const path = namespaces.find(namespace => namespace.type === 'network')?.path;
  return path === undefined || path === '' ? undefined : path;
}

/** The spec the backend gets once hardrun has joined its network namespace. */
export function withoutNetworkNamespace(spec: Spec): Spec {
  const namespaces = spec.linux?.namespaces;
  if (namespaces === undefined || !namespaces.some(namespace => namespace.type === 'network')) return spec;
  return { ...spec, linux: { ...spec.linux, namespaces: namespaces.filter(namespace => namespace.type !== 'network') } };
}

/** The inode of the namespace a path names (nsfs inodes are unique on a host while the namespace lives). */
export function namespaceInode(path: string): number {
  try {
    return statSync(path).ino;
  } catch (error) {
    throw new HardrunError('netns', `cannot open the network namespace ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Moves the calling thread (the one that execve()s the backend) into the
 * network namespace at `path`, which must still be the namespace of inode
 * `inode` when one is given, and checks that it got there: a backend never
 * runs in the host's network namespace by mistake.
 */
export async function enterNetworkNamespace(path: string, inode?: number): Promise<number> {
  const { libc, fail } = await loadLibc();
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY);
  } catch (error) {
    throw new HardrunError('netns', `cannot open the network namespace ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const found = fstatSync(fd).ino;
    if (inode !== undefined && found !== inode) throw new HardrunError('netns', `the network namespace ${path} is no longer the container's (inode ${found}, not ${inode})`);
    if (libc.symbols.setns(fd, CLONE_NEWNET) !== 0) throw fail(`join the network namespace ${path}`);
    if (statSync('/proc/thread-self/ns/net').ino !== found) throw new HardrunError('netns', `joining the network namespace ${path} did not take effect`);
    return found;
  } finally {
    closeSync(fd);
  }
}
