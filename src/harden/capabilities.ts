import type { Capabilities, Process } from '../spec/types.js';
import type { CapabilitySettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import { processTransform } from './unit.js';

const capabilitySets = ['bounding', 'effective', 'permitted', 'inheritable', 'ambient'] as const;

/** "sys_admin", "SYS_ADMIN" and "CAP_SYS_ADMIN" all name CAP_SYS_ADMIN. */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
}

/** The capabilities a process may keep under this backend. */
export function allowedCapabilities(settings: CapabilitySettings, context: HardenContext): ReadonlySet<string> {
  const allowed = new Set(settings.allow.map(normalizeCapability));
  if (!settings.neverLiftedUnder.includes(context.backend)) {
    for (const name of settings.never) allowed.delete(normalizeCapability(name));
  }
  return allowed;
}

/**
 * Reduces every capability set to the allowlist. A process without
 * `capabilities` gets five empty sets: runc 1.1 reads that as "none", but
 * runc since 1.3 reads it as "keep runc's own", which is all of them.
 */
export function applyCapabilities(process: Process, settings: CapabilitySettings, context: HardenContext): TransformResult<Process> {
  const allowed = allowedCapabilities(settings, context);
  const findings: Finding[] = [];
  const current = process.capabilities;
  if (current === undefined || current === null || typeof current !== 'object') {
    const capabilities: Capabilities = { bounding: [], effective: [], permitted: [], inheritable: [], ambient: [] };
    findings.push({
      rule: 'capabilities',
      action: 'changed',
      path: 'process.capabilities',
      message: 'process.capabilities was absent, which newer runc reads as every capability: set every set empty (hardening.capabilities.allow)',
    });
    return { spec: { ...process, capabilities }, findings };
  }

  const dropped = new Set<string>();
  let next: Capabilities = current;
  for (const set of capabilitySets) {
    const names = current[set];
    if (names === undefined) continue;
    const kept = reduceSet(names, allowed, dropped);
    if (kept !== names) next = { ...next, [set]: kept };
  }
  findings.push(...describeDrops(dropped, settings, context));
  if (next !== current && dropped.size === 0) {
    findings.push({
      rule: 'capabilities',
      action: 'changed',
      path: 'process.capabilities',
      message: 'rewrote process.capabilities as CAP_ names without duplicates (hardening.capabilities.allow)',
    });
  }
  findings.push(...auditSandboxed(next, settings, context));
  return { spec: next === current ? process : { ...process, capabilities: next }, findings };
}

/**
 * Keeps the allowed names, written as CAP_X once each; returns the same
 * array when nothing changes, so that an already hardened process is not copied.
 */
function reduceSet(names: unknown, allowed: ReadonlySet<string>, dropped: Set<string>): string[] {
  const list: unknown[] = Array.isArray(names) ? names : [];
  const kept: string[] = [];
  for (const name of list) {
    const normal = typeof name === 'string' ? normalizeCapability(name) : String(name);
    if (!allowed.has(normal)) dropped.add(normal);
    else if (!kept.includes(normal)) kept.push(normal);
  }
  const unchanged = list === names && kept.length === list.length && kept.every((name, i) => name === list[i]);
  return unchanged ? (names as string[]) : kept;
}

/** One finding per reason: not on the allowlist, or on the never list. */
function describeDrops(dropped: ReadonlySet<string>, settings: CapabilitySettings, context: HardenContext): Finding[] {
  const allowed = new Set(settings.allow.map(normalizeCapability));
  const forbidden = [...dropped].filter(name => allowed.has(name));
  const unlisted = [...dropped].filter(name => !allowed.has(name));
  const findings: Finding[] = [];
  if (unlisted.length > 0) {
    findings.push({
      rule: 'capabilities',
      action: 'changed',
      path: 'process.capabilities',
      message: `dropped ${unlisted.join(', ')} from process.capabilities: not in hardening.capabilities.allow`,
    });
  }
  if (forbidden.length > 0) {
    findings.push({
      rule: 'capabilities',
      action: 'changed',
      path: 'process.capabilities',
      message: `dropped ${forbidden.join(', ')} from process.capabilities: hardening.capabilities.never withholds ${forbidden.length === 1 ? 'it' : 'them'} under ${context.backend} whatever the allowlist says (a sandbox backend such as runsc may grant ${forbidden.length === 1 ? 'it' : 'them'})`,
    });
  }
  return findings;
}

/** Under a sandbox backend, says which never-granted capabilities the allowlist let through, and why that is safe. */
function auditSandboxed(capabilities: Capabilities, settings: CapabilitySettings, context: HardenContext): Finding[] {
  if (!settings.neverLiftedUnder.includes(context.backend)) return [];
  const never = new Set(settings.never.map(normalizeCapability));
  const granted = new Set<string>();
  for (const set of capabilitySets) {
    const names = capabilities[set];
    if (Array.isArray(names)) for (const name of names) if (never.has(name)) granted.add(name);
  }
  if (granted.size === 0) return [];
  const kernel = context.backend === 'runsc' ? "gVisor's kernel" : "the guest VM's kernel";
  return [{
    rule: 'capabilities',
    action: 'audited',
    path: 'process.capabilities',
    message: `kept ${[...granted].join(', ')} although hardening.capabilities.never lists ${granted.size === 1 ? 'it' : 'them'}: under ${context.backend}, ${kernel} checks capabilities, not the host's`,
  }];
}

/**
 * Docker's default 14 less MKNOD (no device may be created anyway), NET_RAW
 * (ARP and DNS spoofing on the bridge; ping works without it through
 * Docker's `ping_group_range`), SETFCAP (file capabilities mean nothing
 * under noNewPrivileges), SYS_CHROOT (rarely needed; an old escape
 * ingredient) and AUDIT_WRITE (writes to the host's audit log). SETPCAP
 * stays: it only works within the bounding set, and lets programs drop
 * their own privileges.
 */
const defaultAllowedCapabilities = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_NET_BIND_SERVICE',
  'CAP_SETGID',
  'CAP_SETPCAP',
  'CAP_SETUID',
];

/**
 * Capabilities that act on the host kernel or on host-wide state, whatever
 * namespaces the container has, so that no policy may grant them to a
 * container that shares the host's kernel. Under gVisor they are checked by
 * the Sentry (a CAP_SYS_ADMIN mount is a mount in gVisor's own VFS), and
 * under Kata by the guest kernel, so there a policy's allowlist alone decides.
 */
const neverGrantedCapabilities = [
  'CAP_SYS_ADMIN', // mount, namespaces, most kernel interfaces: the usual escape
  'CAP_SYS_MODULE', // loads code into the host kernel
  'CAP_SYS_RAWIO', // iopl, ioperm, raw block and memory devices
  'CAP_SYS_PTRACE', // ptrace and process_vm_* past ownership; kcmp
  'CAP_DAC_READ_SEARCH', // open_by_handle_at reads any host file (the "shocker" escape)
  'CAP_NET_ADMIN', // netfilter and routing: a large kernel attack surface
  'CAP_BPF', // loads programs into the host kernel
  'CAP_PERFMON', // perf_event_open on kernel events; reads kernel memory layout
  'CAP_SYS_BOOT', // reboot and kexec_load act on the host
  'CAP_MAC_ADMIN', // changes the host's LSM policy
  'CAP_MAC_OVERRIDE', // bypasses the host's LSM policy
  'CAP_SYS_TIME', // sets the host's clock (there is no namespace for CLOCK_REALTIME)
  'CAP_SYSLOG', // reads and clears the host kernel log, which leaks kernel addresses
  'CAP_AUDIT_CONTROL', // changes the host's audit rules
  'CAP_AUDIT_READ', // reads the host's audit stream
  'CAP_SYS_PACCT', // switches host-wide process accounting
  'CAP_WAKE_ALARM', // host power management
  'CAP_BLOCK_SUSPEND', // keeps the host from suspending
  'CAP_LINUX_IMMUTABLE', // makes files on host bind mounts immutable or append-only
  'CAP_SYS_RESOURCE', // ignores disk quotas and reserved blocks, so fills the host's disk
  'CAP_SYS_NICE', // real-time scheduling starves the host's CPUs
];

export const capabilitiesTransform = processTransform({
  name: 'capabilities',
  defaults: { mode: 'harden', allow: defaultAllowedCapabilities, never: neverGrantedCapabilities, neverLiftedUnder: ['runsc', 'kata'] },
  apply: applyCapabilities,
});
