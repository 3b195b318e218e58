import type { LiveIsolation } from './proc.js';

/** One property of a running container, judged against what hardrun would have made of it. */
export interface Judgement {
  readonly property: string;
  readonly hardened: boolean;
  readonly seen: string;
}

export interface Expectations {
  /** The capabilities hardrun's rule keeps (CAP_ names). */
  readonly allow: readonly string[];
  /** The capabilities never granted under a backend that shares the host kernel. */
  readonly never: readonly string[];
  /** The host uid hardrun recorded for the container's root, when it mapped one. */
  readonly hostUid?: number;
}

const seccompModes: Record<number, string> = { 0: 'none', 1: 'strict', 2: 'filter' };

/**
 * Each property as the kernel shows it, and whether it is as hardrun makes
 * it: capabilities within the allowlist, a seccomp filter, no_new_privs,
 * container root mapped away from host root, no namespace shared with the
 * host, and a read-only `/`.
 */
export function judgeIsolation(live: LiveIsolation, expect: Expectations): Judgement[] {
  const allowed = new Set(expect.allow);
  const never = new Set(expect.never);
  const extra = (names: readonly string[]): string[] => names.filter(name => !allowed.has(name));
  const describeCaps = (names: readonly string[]): string => {
    const beyond = extra(names);
    const dangerous = beyond.filter(name => never.has(name));
    const list = names.length === 0 ? 'none' : names.map(name => name.replace(/^CAP_/, '')).join(' ');
    if (beyond.length === 0) return list;
    return `${list} (beyond the allowlist: ${beyond.map(name => name.replace(/^CAP_/, '')).join(' ')}${dangerous.length > 0 ? `; never granted by hardrun: ${dangerous.map(name => name.replace(/^CAP_/, '')).join(' ')}` : ''})`;
  };
  const rootMapping = live.uidMap.find(mapping => mapping.inside === 0);
  return [
    { property: 'effective capabilities', hardened: extra(live.effective).length === 0, seen: describeCaps(live.effective) },
    { property: 'bounding capabilities', hardened: extra(live.bounding).length === 0, seen: describeCaps(live.bounding) },
    { property: 'seccomp', hardened: live.seccomp === 2, seen: live.seccomp === undefined ? 'unknown' : `${seccompModes[live.seccomp] ?? live.seccomp} (mode ${live.seccomp})` },
    { property: 'no_new_privs', hardened: live.noNewPrivs === true, seen: live.noNewPrivs === undefined ? 'unknown' : live.noNewPrivs ? 'on' : 'off' },
    {
      property: 'user namespace',
      hardened: rootMapping !== undefined && rootMapping.outside !== 0 && (expect.hostUid === undefined || rootMapping.outside === expect.hostUid),
      seen: `uid_map ${formatMap(live.uidMap)}; gid_map ${formatMap(live.gidMap)}${rootMapping === undefined ? '' : rootMapping.outside === 0 ? ' (container root is host root)' : ` (container root is host uid ${rootMapping.outside}${describeRecorded(rootMapping.outside, expect.hostUid)})`}`,
    },
    {
      // hardrun leaves the cgroup namespace to the caller (Docker's default on
      // cgroup v1 is the host's), as its hostNamespaces check does: shown, not judged.
      property: 'namespaces shared with the host', hardened: live.sharedNamespaces.every(type => type === 'cgroup'),
      seen: live.sharedNamespaces.length === 0 ? 'none'
        : live.sharedNamespaces.map(type => (type === 'cgroup' ? 'cgroup (left to the caller, as on cgroup v1)' : type)).join(' '),
    },
    { property: 'root filesystem', hardened: live.rootReadOnly === true, seen: live.rootReadOnly === undefined ? 'unknown' : live.rootReadOnly ? 'read-only' : 'writable' },
  ];
}

function describeRecorded(outside: number, recorded: number | undefined): string {
  if (recorded === undefined) return '';
  return outside === recorded ? ', the range hardrun gave it alone' : `, but hardrun recorded ${recorded}`;
}

function formatMap(map: LiveIsolation['uidMap']): string {
  return map.length === 0 ? '(empty)' : map.map(line => `${line.inside} ${line.outside} ${line.size}`).join(', ');
}
