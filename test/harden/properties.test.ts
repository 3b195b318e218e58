import test from 'ava';
import fc from 'fast-check';
import { hardenSpec } from '../../src/harden/pipeline.js';
import { defaultHardening } from '../../src/harden/units.js';
import type { HardenContext } from '../../src/harden/types.js';
import type { Spec } from '../../src/spec/types.js';

// Invariants of the whole pipeline over generated configs: whatever Docker,
// containerd or a hostile caller writes, the result holds them.

const everyCapability = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT',
  'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE',
  'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ',
  'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
].map(name => `CAP_${name}`);
const sets = ['bounding', 'effective', 'permitted', 'inheritable', 'ambient'] as const;
const unknown = fc.dictionary(fc.constantFrom('x-vendor', 'future', 'z'), fc.jsonValue(), { maxKeys: 2 });
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const capabilityName = fc.oneof(fc.constantFrom(...everyCapability), fc.constantFrom(...everyCapability).map(n => n.toLowerCase()), fc.string({ maxLength: 8 }));
const capabilities = fc.record(
  Object.fromEntries(sets.map(set => [set, fc.array(capabilityName, { maxLength: 12 })])) as Record<(typeof sets)[number], fc.Arbitrary<string[]>>,
  { requiredKeys: [] },
);
const process = fc.record({ args: fc.constant(['sh']), capabilities: optional(capabilities), noNewPrivileges: optional(fc.boolean()), unknown });
const destination = fc.constantFrom('/proc', '/dev', '/sys', '/sys/fs/cgroup', '/tmp', '/tmp/', '/run', '/run/secrets/x', '/var', '/var/tmp', '/etc/hosts', '/etc/resolv.conf', '/data');
const mount = fc.record({
  destination,
  type: optional(fc.constantFrom('bind', 'tmpfs', 'sysfs', 'cgroup', 'cgroup2', 'proc')),
  source: fc.constant('x'),
  options: optional(fc.subarray(['rw', 'ro', 'rbind', 'bind', 'nosuid', 'rprivate'])),
  unknown,
});
const action = fc.constantFrom('SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO', 'SCMP_ACT_LOG', 'SCMP_ACT_KILL');
const seccomp = fc.record({
  defaultAction: action,
  syscalls: fc.array(fc.record({ names: fc.subarray(['mount', 'unshare', 'clone', 'clone3', 'read', 'ptrace', 'bpf'], { minLength: 1 }), action }), { maxLength: 4 }),
  unknown,
});
const paths = fc.subarray(['/proc/kcore', '/proc/keys', '/proc/sys', '/proc/extra']);
const device = fc.record({ path: fc.constant('/dev/x'), type: fc.constantFrom('c', 'b'), major: fc.nat(12), minor: fc.nat(12) });
const deviceRule = fc.record({ allow: fc.boolean(), type: optional(fc.constantFrom('a', 'c', 'b')), major: optional(fc.nat(12)), minor: optional(fc.nat(12)), access: fc.constantFrom('rwm', 'm', 'r') });
const linux = fc.record(
  {
    seccomp: optional(seccomp),
    maskedPaths: optional(paths),
    readonlyPaths: optional(paths),
    devices: optional(fc.array(device, { maxLength: 5 })),
    resources: optional(fc.record({ devices: optional(fc.array(deviceRule, { maxLength: 5 })), memory: fc.constant({ limit: 1 }) })),
    unknown,
  },
  { requiredKeys: [] },
);
const annotations = fc.dictionary(fc.constantFrom('org.systemd.property.CPUQuota', 'org.criu.config', 'dev.gvisor.flag.network', 'io.k8s.x', 'bundle', 'com.example'), fc.string(), { maxKeys: 4 });
const spec = fc.record(
  {
    ociVersion: fc.constant('1.0.2-dev'),
    process: optional(process),
    root: fc.record({ path: fc.constant('rootfs'), readonly: optional(fc.boolean()) }),
    mounts: optional(fc.array(mount, { maxLength: 8 })),
    annotations: optional(annotations),
    linux: optional(linux),
    unknown,
  },
  { requiredKeys: ['root'] },
).map(value => flattenUnknown(value) as Spec);
const context = fc.record({ backend: fc.constantFrom<HardenContext['backend']>('runc', 'runsc', 'kata'), arch: fc.constantFrom('x64', 'arm64', 's390x') });

/** Generated `unknown` dictionaries become fields of their parent object, as unknown spec fields are. */
function flattenUnknown(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(flattenUnknown);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const own = entries.filter(([key]) => key !== 'unknown').map(([key, v]) => [key, flattenUnknown(v)] as const);
  const extra = entries.find(([key]) => key === 'unknown')?.[1] as Record<string, unknown> | undefined;
  return { ...Object.fromEntries(own), ...extra };
}

const property = (title: string, check: (input: Spec, output: Spec, context: HardenContext) => boolean) =>
  test(title, t => {
    fc.assert(fc.property(spec, context, (input, ctx) => check(input, hardenSpec(input, defaultHardening, ctx).spec, ctx)), { numRuns: 300 });
    t.pass();
  });

property('no capability outside the allowlist, in any set', (_input, output) => {
  const allowed = new Set(defaultHardening.capabilities.allow);
  return output.process === undefined || sets.every(set => (output.process!.capabilities?.[set] ?? []).every(name => allowed.has(name)));
});

property('every set is explicit, so no runc version keeps its own capabilities', (_input, output) =>
  output.process === undefined || output.process.capabilities !== undefined);

property('noNewPrivileges and a read-only root', (_input, output) =>
  (output.process === undefined || output.process.noNewPrivileges === true) && output.root?.readonly === true);

property('a seccomp profile that denies the listed syscalls', (_input, output) => {
  const profile = output.linux?.seccomp;
  if (profile === undefined || profile === null) return false;
  const allowing = new Set(['SCMP_ACT_ALLOW', 'SCMP_ACT_LOG']);
  return defaultHardening.seccomp.deny.every(name => {
    const rules = (profile.syscalls ?? []).filter(rule => rule.names.includes(name));
    if (rules.some(rule => allowing.has(rule.action))) return false;
    return !allowing.has(profile.defaultAction ?? '') || rules.some(rule => (rule.args ?? []).length === 0);
  });
});

property('masked and read-only paths contain the defaults', (_input, output) =>
  defaultHardening.systemPaths.masked.every(path => output.linux!.maskedPaths!.includes(path)) &&
  defaultHardening.systemPaths.readonly.every(path => output.linux!.readonlyPaths!.includes(path)));

property('sysfs and cgroup mounts read-only; per-container bind files read-only; writable paths covered', (_input, output) => {
  const mounts = output.mounts ?? [];
  const readOnly = (options: string[] | undefined) => options !== undefined && options.includes('ro') && !options.includes('rw');
  const kernel = mounts.filter(m => ['sysfs', 'cgroup', 'cgroup2'].includes(m.type ?? '')).every(m => readOnly(m.options));
  const binds = mounts
    .filter(m => ['/etc/hosts', '/etc/resolv.conf'].includes(m.destination) && (m.type === 'bind' || (m.options ?? []).some(o => o === 'bind' || o === 'rbind')))
    .every(m => readOnly(m.options));
  const covered = ['/tmp', '/run', '/var/tmp'].every(path =>
    mounts.some(m => { const d = m.destination.replace(/\/$/, ''); return d === path || path.startsWith(`${d}/`); }));
  return kernel && binds && covered;
});

property('no host-acting annotation and no device beyond the allowlist', (_input, output) => {
  const keys = Object.keys(output.annotations ?? {});
  const annotationsClean = !keys.some(key => key === 'bundle' || key.startsWith('org.systemd.property.') || key === 'org.criu.config' || key.startsWith('dev.gvisor.'));
  const nodes = (output.linux?.devices ?? []) as { type: string; major: number; minor: number }[];
  const devicesClean = nodes.every(node => defaultHardening.devices.allow.some(a => a.type === node.type && a.major === node.major && a.minor === node.minor));
  return annotationsClean && devicesClean;
});

property('idempotent: hardening twice equals hardening once, with nothing left to change', (_input, output, ctx) => {
  const again = hardenSpec(output, defaultHardening, ctx);
  return JSON.stringify(again.spec) === JSON.stringify(output) && !again.findings.some(f => f.action === 'changed');
});

test('the input is never mutated', t => {
  fc.assert(fc.property(spec, context, (input, ctx) => {
    const before = JSON.stringify(input);
    hardenSpec(input, defaultHardening, ctx);
    return JSON.stringify(input) === before;
  }), { numRuns: 300 });
  t.pass();
});

property('unknown fields survive at every level', (input, output) => {
  const extras = (value: object | undefined) => Object.entries(value ?? {}).filter(([key]) => ['x-vendor', 'future', 'z'].includes(key));
  const same = (a: object | undefined, b: object | undefined) => JSON.stringify(extras(a)) === JSON.stringify(extras(b));
  const mountsKept = (input.mounts ?? []).every(m => (output.mounts ?? []).some(o => o.destination === m.destination && same(m, o)));
  return same(input, output) && same(input.process, output.process) && same(input.linux, output.linux) &&
    (input.linux?.seccomp === undefined || input.linux.seccomp === null || same(input.linux.seccomp, output.linux?.seccomp ?? undefined)) && mountsKept;
});
