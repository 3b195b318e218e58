import { checkDevices, grantsEveryDevice } from '../checks/devices.js';
import { checkHostNamespaces } from '../checks/host-namespaces.js';
import { normalizeCapability } from '../harden/capabilities.js';
import { isBindMount, isSameOrBelow, normalizeDestination } from '../spec/mount-options.js';
import { matchGlob, matchName } from '../checks/paths.js';
import { hostSourcesOf } from '../checks/mount-source.js';
import type { HostFacts, Origin } from '../checks/types.js';
import type { HardeningSettings } from '../harden/settings.js';
import type { Spec } from '../spec/types.js';
import type { MatchDocument } from './generated/policy-document.js';
import { imageMatches, imageOf, type ImageIdentity } from './image.js';

/** What a rule is matched against: the container as asked for, and where the call came from. */
export interface Subject {
  readonly id: string;
  readonly spec: Spec;
  /** The containerd namespace of the caller: "moby" for Docker, "k8s.io" for Kubernetes. */
  readonly caller: string;
  readonly host: HostFacts;
  readonly origin: Origin;
  /** The default device allowlist, to tell an extra device from a default one. */
  readonly defaultDevices: HardeningSettings['devices']['allow'];
  /** The bundle directory, against which a relative root.path resolves (default: the working directory). */
  readonly bundle?: string;
  /** The image, when the caller already knows it (explain --image); else looked up on first use. */
  readonly image?: ImageIdentity;
}

type Condition = (match: MatchDocument, subject: Subject) => boolean | undefined;

/**
 * Each condition answers for its own field, or undefined when the rule does
 * not use that field. A rule matches when every field it uses holds.
 */
const conditions: readonly Condition[] = [
  (match, { caller }) => match.caller?.includes(caller),
  (match, subject) => match.image === undefined ? undefined : imageMatches(match.image, imageOf(subject)),
  (match, { spec }) => {
    if (match.capabilities === undefined) return undefined;
    const asked = new Set((spec.process?.capabilities?.bounding ?? []).map(normalizeCapability));
    return match.capabilities.some(name => asked.has(normalizeCapability(name)) || (normalizeCapability(name) === 'CAP_ALL' && asked.size > 0));
  },
  (match, { spec, host, id, origin }) => match.hostNamespaces === undefined ? undefined
    : checkHostNamespaces(spec, { types: match.hostNamespaces }, { id, host, origin }).length > 0,
  (match, { spec, host, origin }) => {
    if (match.mounts === undefined) return undefined;
    // Both sides resolved: a rule naming /var/run/docker.sock means the socket at /run/docker.sock.
    const wanted = match.mounts.map(path => host.realpath(normalizeDestination(path)));
    const sources = (spec.mounts ?? []).filter(isBindMount).flatMap(mount => hostSourcesOf(mount.source ?? '/', origin, host));
    return sources.some(source => wanted.some(path => isSameOrBelow(source, path)));
  },
  (match, { spec, host, id, origin, defaultDevices }) => match.devices === undefined ? undefined
    : (checkDevices(spec, { allow: defaultDevices }, { id, host, origin }).length > 0) === match.devices,
  ({ sysctls }, { spec }) => sysctls === undefined ? undefined
    : Object.keys(spec.linux?.sysctl ?? {}).some(name => sysctls.some(pattern => matchName(pattern, name))),
  (match, { spec }) => {
    if (match.privileged === undefined) return undefined;
    // Read as the capabilities transform reads a name (it writes cap_sys_admin back as CAP_SYS_ADMIN).
    const privileged = (spec.process?.capabilities?.bounding ?? []).some(name => normalizeCapability(name) === 'CAP_SYS_ADMIN') && grantsEveryDevice(spec);
    return privileged === match.privileged;
  },
  (match, { spec }) => {
    const wanted = match.process;
    if (wanted === undefined) return undefined;
    const process = spec.process ?? {};
    if (wanted.args !== undefined && !wanted.args.some(glob => matchGlob(glob, (process.args ?? []).join(' ')))) return false;
    if (wanted.user !== undefined && !wanted.user.includes(process.user?.uid ?? 0)) return false;
    if (wanted.cwd !== undefined && !wanted.cwd.some(glob => matchGlob(glob, process.cwd ?? '/'))) return false;
    return true;
  },
  (match, { spec }) => {
    if (match.env === undefined) return undefined;
    const env = environmentOf(spec.process?.env ?? []);
    return Object.entries(match.env).every(([name, glob]) => { const value = env.get(name); return value !== undefined && matchGlob(glob, value); });
  },
  (match, { spec }) => {
    if (match.annotations === undefined) return undefined;
    const annotations = spec.annotations ?? {};
    return Object.entries(match.annotations).every(([key, glob]) => { const value = Object.hasOwn(annotations, key) ? annotations[key] : undefined; return value !== undefined && matchGlob(glob, value); });
  },
];

/**
 * The variables a process gets, as runc sets them: in order, so the last of
 * two entries wins. runc refuses an entry without "=", which names nothing.
 */
function environmentOf(entries: readonly string[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals > 0) env.set(entry.slice(0, equals), entry.slice(equals + 1));
  }
  return env;
}

export function matchesRule(match: MatchDocument, subject: Subject): boolean {
  return conditions.every(condition => condition(match, subject) !== false);
}
