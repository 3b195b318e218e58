import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { isErrno } from '../errors.js';
import type { Spec } from '../spec/types.js';
import { claimsDir, entryOwner, type Slot } from './id-slots.js';
import { readRecord, recordDir } from './record.js';

/** The annotations containerd's CRI writes into every container of a pod. */
export const containerTypeAnnotation = 'io.kubernetes.cri.container-type';
export const sandboxIdAnnotation = 'io.kubernetes.cri.sandbox-id';

/**
 * How a container that joins other processes' namespaces stands towards
 * hardrun's user namespace:
 * - `none`: it joins no process's namespace by /proc path (a pod sandbox,
 *   a plain container);
 * - `member`: it joins namespaces of a pod sandbox hardrun created under
 *   the same root, and so joins that sandbox's user namespace and shares
 *   its host ids, as Kubernetes' own user namespaces do (one range per pod);
 * - `refused`: it joins namespaces of a process hardrun did not put under a
 *   user namespace of its own, or of two different ones.
 */
export type PodJoin =
  | { readonly kind: 'none' }
  | { readonly kind: 'member'; readonly sandbox: string; readonly userNamespace: string; readonly ids: Slot; readonly claim: string }
  | { readonly kind: 'refused'; readonly reason: string };

/** What the lookup reads, passed in so that tests need no /proc. */
export interface PodHost {
  /** The target of /proc/PID/ns/user, or undefined when the process is gone. */
  readonly userNamespaceOf: (pid: number) => string | undefined;
  /** This process's own (the host's) user namespace. */
  readonly hostUserNamespace: string;
  /** The text of /proc/PID/uid_map or gid_map, or undefined. */
  readonly idMapOf: (pid: number, which: 'uid' | 'gid') => string | undefined;
  /** The entries of a claim directory (src/state/id-slots.ts) and where each points, or undefined when there is no such claim. */
  readonly claimEntries: (claim: string) => readonly string[] | undefined;
  /** The sandbox's record: its ids and whether it is itself a member. */
  readonly recordOf: (root: string, id: string) => { readonly uid?: number; readonly gid?: number; readonly pod?: string } | undefined;
}

const procNamespace = /^\/proc\/([0-9]+)\/ns\/[a-z_]+$/;

/** The processes whose namespaces (the user one aside) a spec joins by /proc path, with the first namespace type that names each. */
export function joinedProcesses(spec: Spec): ReadonlyMap<number, string> {
  const joined = new Map<number, string>();
  for (const namespace of spec.linux?.namespaces ?? []) {
    if (namespace.type === 'user' || namespace.path === undefined) continue;
    const pid = procNamespace.exec(namespace.path)?.[1];
    if (pid !== undefined && !joined.has(Number(pid))) joined.set(Number(pid), `${namespace.type} namespace ${namespace.path}`);
  }
  return joined;
}

/**
 * Which pod, if any, a container belongs to: the container whose processes'
 * namespaces the spec joins, found from their user namespace's mapping
 * (the claim of host ids it names, and that claim's sandbox record under
 * the same root), never from the annotations alone, which only have to
 * agree.
 */
export function podOf(spec: Spec, root: string, host: PodHost = procHost, claims: string = claimsDir): PodJoin {
  if (spec.linux?.namespaces?.some(namespace => namespace.type === 'user' && namespace.path !== undefined && namespace.path !== '') === true) return { kind: 'none' };
  const joined = joinedProcesses(spec);
  if (joined.size === 0) return { kind: 'none' };
  const how = 'a container joins the namespaces of another only as a container of the same pod, whose sandbox hardrun created with its own user namespace under the same --root; create the other container through hardrun too, or set hardening.userNamespace.mode to off for both';
  let found: { pid: number; userns: string } | undefined;
  for (const [pid, what] of joined) {
    const userns = host.userNamespaceOf(pid);
    if (userns === undefined) return refused(`the ${what} is of no running process (${how})`);
    if (userns === host.hostUserNamespace) return refused(`the ${what} belongs to a process in the host's user namespace, not to a container of hardrun's (${how})`);
    if (found !== undefined && found.userns !== userns) return refused(`the ${what} is in another user namespace than /proc/${found.pid}/ns (${how})`);
    found ??= { pid, userns };
  }
  if (found === undefined) return { kind: 'none' };
  const uids = singleMapping(host.idMapOf(found.pid, 'uid'));
  const gids = singleMapping(host.idMapOf(found.pid, 'gid'));
  const claim = uids === undefined ? undefined : `${claims}/${uids.hostID}`;
  const entries = claim === undefined ? undefined : host.claimEntries(claim);
  const prefix = `${recordDir(root)}/`;
  const sandbox = (entries ?? []).map(owner => (owner.startsWith(prefix) ? owner.slice(prefix.length) : undefined)).find(id => {
    if (id === undefined || id.includes('/')) return false;
    const record = host.recordOf(root, id);
    return record !== undefined && record.pod === undefined && record.uid === uids?.hostID && record.gid === gids?.hostID;
  });
  if (uids === undefined || gids === undefined || claim === undefined || sandbox === undefined) {
    return refused(`the ${joined.get(found.pid) ?? 'namespace'} is of a process whose host ids hardrun holds for no pod sandbox of this --root (${how})`);
  }
  const named = spec.annotations?.[sandboxIdAnnotation];
  if (named !== undefined && named !== sandbox) {
    return refused(`annotation ${sandboxIdAnnotation} names sandbox ${named}, but the namespaces joined are sandbox ${sandbox}'s (a container joins only its own pod's sandbox; let containerd write the annotation)`);
  }
  return { kind: 'member', sandbox, userNamespace: `/proc/${found.pid}/ns/user`, ids: { uids, gids }, claim };
}

function refused(reason: string): PodJoin {
  return { kind: 'refused', reason: `linux.namespaces: ${reason}` };
}

/** "0 H S" as the only line: the one mapping hardrun writes; anything else is not hardrun's. */
export function singleMapping(text: string | undefined): { hostID: number; size: number } | undefined {
  const lines = (text ?? '').trim().split('\n');
  const match = lines.length === 1 ? /^\s*0\s+([0-9]+)\s+([0-9]+)\s*$/.exec(lines[0] ?? '') : null;
  return match === null ? undefined : { hostID: Number(match[1]), size: Number(match[2]) };
}

const procHost: PodHost = {
  userNamespaceOf: pid => readLink(`/proc/${pid}/ns/user`),
  get hostUserNamespace() {
    return readLink('/proc/self/ns/user') ?? '';
  },
  idMapOf: (pid, which) => {
    try {
      return readFileSync(`/proc/${pid}/${which}_map`, 'utf8');
    } catch {
      return undefined;
    }
  },
  claimEntries: claim => {
    try {
      return readdirSync(claim).map(name => entryOwner(claim, name) ?? '');
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return undefined;
      throw error;
    }
  },
  recordOf: (root, id) => {
    try {
      const record = readRecord(root, id);
      return record === undefined ? undefined : { ...(record.ids === undefined ? {} : { uid: record.ids.uid, gid: record.ids.gid }), ...(record.pod === undefined ? {} : { pod: record.pod }) };
    } catch {
      return undefined;
    }
  },
};

function readLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}
