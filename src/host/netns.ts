import { closeSync, constants, fstatSync, openSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * The spec the backend gets once hardrun has joined its network namespace:
 * without it, and without the `net.*` sysctls, which hardrun writes there
 * itself (networkSysctls). runc refuses those in a network namespace the
 * spec does not name ("not allowed in host network namespace"), and the
 * container's root may not write them in one the host's user namespace
 * owns.
 */
export function withoutNetworkNamespace(spec: Spec): Spec {
  const namespaces = spec.linux?.namespaces;
  if (namespaces === undefined || !namespaces.some(namespace => namespace.type === 'network')) return spec;
  const sysctl = spec.linux?.sysctl;
  const kept = sysctl === undefined ? undefined : Object.fromEntries(Object.entries(sysctl).filter(([key]) => !key.startsWith('net.')));
  return { ...spec, linux: { ...spec.linux, namespaces: namespaces.filter(namespace => namespace.type !== 'network'), ...(kept === undefined ? {} : { sysctl: kept }) } };
}

/** The `net.*` sysctls of a spec, as runc would write them: dots become slashes under /proc/sys. */
export function networkSysctls(spec: Spec): readonly { readonly key: string; readonly value: string }[] {
  return Object.entries(spec.linux?.sysctl ?? {}).filter(([key]) => key.startsWith('net.')).map(([key, value]) => ({ key, value }));
}

/**
 * Writes the container's `net.*` sysctls in the network namespace this
 * thread joined (/proc/sys/net shows the opener's), as runc would have. The
 * sysctls check judged them first; a name that could leave /proc/sys/net
 * is refused all the same.
 */
export function writeNetworkSysctls(sysctls: readonly { readonly key: string; readonly value: string }[]): void {
  for (const { key, value } of sysctls) {
    if (!/^net(\.[A-Za-z0-9_-]+)+$/.test(key)) throw new HardrunError('refused', `hardrun refused this container: linux.sysctl.${key}: not a sysctl name hardrun writes (letters, digits, _ and - between dots)`);
    try {
      writeFileSync(`/proc/sys/${key.replaceAll('.', '/')}`, value);
    } catch (error) {
      throw new HardrunError('netns', `cannot set sysctl ${key} to ${JSON.stringify(value)} in the container's network namespace: ${(error as Error).message}`, { cause: error });
    }
  }
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
