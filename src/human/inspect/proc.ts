import { readFileSync } from 'node:fs';
import { hostFacts } from '../../host/facts.js';
import { namesInMask } from './capabilities.js';

/** One line of /proc/PID/uid_map: container ids [inside, inside+size) are host ids [outside, ...). */
export interface IdMapping {
  readonly inside: number;
  readonly outside: number;
  readonly size: number;
}

/** A process's isolation as the kernel reports it, not as any configuration asked for. */
export interface LiveIsolation {
  readonly pid: number;
  readonly effective: readonly string[];
  readonly bounding: readonly string[];
  /** 0 none, 1 strict, 2 filter. */
  readonly seccomp: number | undefined;
  readonly noNewPrivs: boolean | undefined;
  readonly uidMap: readonly IdMapping[];
  readonly gidMap: readonly IdMapping[];
  /** Namespace types that are the host's (init's or this process's), or that could not be compared. */
  readonly sharedNamespaces: readonly string[];
  readonly rootReadOnly: boolean | undefined;
}

/** The namespaces a container should have of its own (runc 1.1 makes no time namespace). */
export const namespaceTypes = ['mnt', 'pid', 'net', 'ipc', 'uts', 'user', 'cgroup'];

/** The /proc/PID/ns file names, by the OCI names the host facts use. */
const ociTypes: Record<string, string> = { mnt: 'mount', net: 'network' };

export function readLiveIsolation(pid: number, proc = '/proc'): LiveIsolation {
  const status = parseStatus(readFileSync(`${proc}/${pid}/status`, 'utf8'));
  const seccomp = status['Seccomp'];
  const noNewPrivs = status['NoNewPrivs'];
  return {
    pid,
    effective: namesInMask(status['CapEff'] ?? ''),
    bounding: namesInMask(status['CapBnd'] ?? ''),
    seccomp: seccomp === undefined ? undefined : Number(seccomp),
    noNewPrivs: noNewPrivs === undefined ? undefined : noNewPrivs === '1',
    uidMap: parseIdMap(readFileSync(`${proc}/${pid}/uid_map`, 'utf8')),
    gidMap: parseIdMap(readFileSync(`${proc}/${pid}/gid_map`, 'utf8')),
    sharedNamespaces: namespaceTypes.filter(type => hostFacts.isHostNamespace(ociTypes[type] ?? type, `${proc}/${pid}/ns/${type}`)),
    rootReadOnly: isRootReadOnly(readFileSync(`${proc}/${pid}/mountinfo`, 'utf8')),
  };
}

export function parseStatus(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}

export function parseIdMap(text: string): IdMapping[] {
  return text.split('\n').map(line => line.trim().split(/\s+/).map(Number)).filter((parts): parts is [number, number, number] => parts.length === 3 && parts.every(Number.isSafeInteger))
    .map(([inside, outside, size]) => ({ inside, outside, size }));
}

/**
 * Whether `/`, in the process's own mount namespace, is mounted read-only:
 * the last mountinfo line whose mount point is `/` is the one on top, and
 * its per-mount options (field 6) hold `ro` or `rw`.
 */
export function isRootReadOnly(mountinfo: string): boolean | undefined {
  const root = mountinfo.split('\n').map(line => line.split(' ')).filter(fields => fields[4] === '/').pop();
  return root === undefined ? undefined : (root[5] ?? '').split(',').includes('ro');
}
