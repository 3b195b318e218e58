import { fallbackRange } from '../host/subid.js';
import type { IdMapping, Linux, Mount, Namespace, Spec } from '../spec/types.js';
import { slotAt, type Slot } from '../state/id-slots.js';
import type { UserNamespaceSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import { specTransform } from './unit.js';

const pingGroupRange = 'net.ipv4.ping_group_range';

/**
 * Maps the container's root to host ids of its own (`context.ids`, the slot
 * create claimed), so that a process that breaks out of every other layer
 * is still nobody on the host, and no other container's root. Files keep
 * their owners: staging shows the image and the binds through idmapped
 * mounts (src/bundle/staging.ts). Applies under runc only: gVisor's and
 * Kata's guests never run as host root. A spec that already maps root
 * elsewhere (Docker's userns-remap) is kept.
 */
export function applyUserNamespace(spec: Spec, settings: UserNamespaceSettings, context: HardenContext): TransformResult<Spec> {
  if (context.backend !== 'runc') return { spec, findings: [] };
  const ids: Slot = context.ids ?? slotAt({ uids: settings.uids ?? fallbackRange, gids: settings.gids ?? fallbackRange }, 0);
  const linux: Linux = spec.linux ?? {};
  const namespaces = linux.namespaces ?? [];
  const existing = namespaces.find(namespace => namespace.type === 'user');
  if (existing?.path !== undefined) return { spec, findings: [] };
  const pod = existing === undefined ? context.podUserNamespace : undefined;
  const alreadySafe = existing !== undefined && mapsRootAway(linux.uidMappings) && mapsRootAway(linux.gidMappings);
  const findings: Finding[] = [];
  let next: Linux = linux;
  if (!alreadySafe) {
    next = {
      ...next,
      // runc 1.1 wants the mappings of a user namespace it joins too: the sandbox's own.
      namespaces: existing === undefined ? [...namespaces, pod === undefined ? { type: 'user' } : { type: 'user', path: pod }] : namespaces,
      uidMappings: [{ containerID: 0, hostID: ids.uids.hostID, size: ids.uids.size }],
      gidMappings: [{ containerID: 0, hostID: ids.gids.hostID, size: ids.gids.size }],
    };
    const range = `container ids 0-${ids.uids.size - 1} to host uids ${ids.uids.hostID}-${ids.uids.hostID + ids.uids.size - 1} and gids ${ids.gids.hostID}-${ids.gids.hostID + ids.gids.size - 1}`;
    findings.push({
      rule: 'user-namespace',
      action: 'changed',
      path: pod === undefined ? 'linux.uidMappings' : 'linux.namespaces',
      message: pod === undefined
        ? `mapped ${range}, a range of this container's own; files keep their owners through idmapped mounts of ${describeIdmap(settings)} (hardening.userNamespace)`
        : `joined the user namespace of its pod's sandbox (${pod}), which maps ${range}, a range of the pod's own; files keep their owners through idmapped mounts of ${describeIdmap(settings)} (hardening.userNamespace)`,
    });
  }
  let mounts = spec.mounts;
  if (!alreadySafe && joinsNetworkNamespace(namespaces) && (spec.mounts ?? []).some(isFreshSysfs)) {
    // A network namespace joined by path (a Kubernetes pod's, or another
    // container's) belongs to the host's user namespace, and the kernel lets
    // only its owner mount a fresh sysfs: bind the host's read-only instead,
    // as Docker does under userns-remap.
    mounts = (spec.mounts ?? []).map(mount => (isFreshSysfs(mount) ? sysfsBind(mount) : mount));
    findings.push({
      rule: 'user-namespace',
      action: 'changed',
      path: 'mounts',
      message: 'bound the host\'s /sys read-only in place of a new sysfs: the joined network namespace is not the user namespace\'s to mount (hardening.userNamespace)',
    });
  }
  const sysctl = next.sysctl?.[pingGroupRange];
  const size = alreadySafe ? Math.min(mappedSize(linux.gidMappings), ids.gids.size) : ids.gids.size;
  const clamped = sysctl === undefined ? undefined : clampGroupRange(sysctl, size);
  if (sysctl !== undefined && clamped !== undefined && clamped !== sysctl) {
    next = { ...next, sysctl: { ...next.sysctl, [pingGroupRange]: clamped } };
    findings.push({
      rule: 'user-namespace',
      action: 'changed',
      path: `linux.sysctl.${pingGroupRange}`,
      message: `narrowed ${pingGroupRange} to "${clamped}", the group ids mapped in the user namespace (hardening.userNamespace)`,
    });
  }
  if (next === linux && mounts === spec.mounts) return { spec, findings };
  return { spec: { ...spec, linux: next, ...(mounts === undefined ? {} : { mounts }) }, findings };
}

function describeIdmap(settings: UserNamespaceSettings): string {
  if (settings.idmapMounts === 'all') return 'the image and every bind, nosuid,nodev added to the binds';
  if (settings.idmapMounts === 'volumes') return 'the image and the volumes, nosuid,nodev added to the volumes';
  return 'the image only';
}

function joinsNetworkNamespace(namespaces: readonly Namespace[]): boolean {
  return namespaces.some(namespace => namespace.type === 'network' && namespace.path !== undefined && namespace.path !== '');
}

function isFreshSysfs(mount: Mount): boolean {
  return mount.type === 'sysfs';
}

function sysfsBind(mount: Mount): Mount {
  const options = (mount.options ?? []).filter(option => !['rw', 'ro'].includes(option));
  return { ...mount, type: 'bind', source: '/sys', options: [...options, 'rbind', 'ro'] };
}

function mapsRootAway(mappings: readonly IdMapping[] | undefined): boolean {
  if (mappings === undefined || mappings.length === 0) return false;
  return !mappings.some(mapping => mapping.hostID === 0 || (mapping.containerID === 0 && mapping.hostID === 0));
}

function mappedSize(mappings: readonly IdMapping[] | undefined): number {
  return (mappings ?? []).reduce((highest, mapping) => Math.max(highest, mapping.containerID + mapping.size), 0);
}

/** The kernel accepts only groups mapped in the namespace: keep the range inside 0..size-1. */
function clampGroupRange(value: string, size: number): string | undefined {
  const match = /^\s*(\d+)\s+(\d+)\s*$/.exec(value);
  if (match === null) return `0 ${size - 1}`;
  const low = Math.min(Number(match[1]), size - 1);
  const high = Math.min(Number(match[2]), size - 1);
  return `${low} ${high}`;
}

export const userNamespaceTransform = specTransform({
  name: 'userNamespace',
  // Every bind is idmapped, so that volumes and binds behave as under runc
  // (container root writes there as the files' owner), with nosuid and
  // nodev added; docs/threat-model.md says what that gives away. But not a
  // bind of the host's own programs, libraries, logs or state: there a
  // planted binary or symlink would act on the host, so container root
  // stays nobody, as without idmapping.
  defaults: {
    mode: 'harden',
    idmapMounts: 'all',
    // A root whose files all show as nobody breaks every image that chowns
    // or reads a service user's files: refused, with why, unless asked for.
    whenOwnersLost: 'refuse',
    plainBindPaths: ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/usr', '/opt', '/boot', '/var/lib', '/var/log', '/var/cache', '/var/spool', '/var/backups'],
  },
  apply: applyUserNamespace,
});
