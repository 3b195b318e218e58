import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { applySeccomp } from '../../src/harden/seccomp.js';
import { defaultDeniedSyscalls } from '../../src/harden/seccomp-profile.js';
import { defaultHardening } from '../../src/harden/units.js';
import type { HardenContext } from '../../src/harden/types.js';
import type { Seccomp, SeccompRule, Spec } from '../../src/spec/types.js';

const fixture = (name: string): Spec => JSON.parse(readFileSync(new URL(`../../../test/fixtures/specs/${name}.json`, import.meta.url), 'utf8')) as Spec;
const settings = defaultHardening.seccomp;
const runc: HardenContext = { backend: 'runc', arch: 'x64' };
const namespaceFlags = [0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000];
const allowing = new Set(['SCMP_ACT_ALLOW', 'SCMP_ACT_LOG', 'SCMP_ACT_NOTIFY', 'SCMP_ACT_TRACE']);

/** Written apart from the code under test: does this profile let `name` through? */
function allows(profile: Seccomp, name: string): boolean {
  const rules = (profile.syscalls ?? []).filter(rule => rule.names.includes(name));
  if (rules.some(rule => allowing.has(rule.action))) return true;
  const unconditionalDeny = rules.some(rule => !allowing.has(rule.action) && (rule.args ?? []).length === 0);
  return allowing.has(profile.defaultAction ?? '') && !unconditionalDeny;
}

const compare: Record<string, (x: number, value: number, valueTwo: number) => boolean> = {
  SCMP_CMP_NE: (x, v) => x !== v,
  SCMP_CMP_LT: (x, v) => x < v,
  SCMP_CMP_LE: (x, v) => x <= v,
  SCMP_CMP_EQ: (x, v) => x === v,
  SCMP_CMP_GE: (x, v) => x >= v,
  SCMP_CMP_GT: (x, v) => x > v,
  SCMP_CMP_MASKED_EQ: (x, v, v2) => ((x & v) >>> 0) === v2 >>> 0,
};

/**
 * Can a clone call carrying `flag` (in argument `index`) get through? Tries
 * the flag alone, with SIGCHLD, with every namespace flag, and with each
 * value a rule compares against. An allow rule counts when it could match
 * (conditions on other arguments assumed to hold); a deny rule only when it
 * must match (all its conditions on the flags, and holding).
 */
function allowsCloneWith(profile: Seccomp, flag: number, index: number): boolean {
  const rules = (profile.syscalls ?? []).filter(rule => rule.names.includes('clone'));
  const holds = (arg: NonNullable<SeccompRule['args']>[number], x: number) => compare[arg.op]?.(x, arg.value, arg.valueTwo ?? 0) ?? true;
  const couldMatch = (rule: SeccompRule, x: number) => (rule.args ?? []).every(arg => arg.index !== index || holds(arg, x));
  const mustMatch = (rule: SeccompRule, x: number) => (rule.args ?? []).every(arg => arg.index === index && holds(arg, x));
  const values = rules.flatMap(rule => (rule.args ?? []).map(arg => arg.value));
  const candidates = [flag, flag | 0x11, flag | 0x7e020000, ...values, ...values.map(value => (value | flag) >>> 0)].filter(x => (x & flag) !== 0);
  return candidates.some(x => {
    if (rules.some(rule => allowing.has(rule.action) && couldMatch(rule, x))) return true;
    return allowing.has(profile.defaultAction ?? '') && !rules.some(rule => !allowing.has(rule.action) && mustMatch(rule, x));
  });
}

function assertDenies(t: { false: (v: boolean, m?: string) => void }, profile: Seccomp, index = 0): void {
  for (const name of defaultDeniedSyscalls) t.false(allows(profile, name), name);
  for (const flag of namespaceFlags) t.false(allowsCloneWith(profile, flag, index), `clone 0x${flag.toString(16)}`);
}

function harden(spec: Spec, context: HardenContext = runc) {
  const before = structuredClone(spec);
  const result = applySeccomp(spec, settings, context);
  if (JSON.stringify(spec) !== JSON.stringify(before)) throw new Error('input was mutated');
  const again = applySeccomp(result.spec, settings, context);
  if (JSON.stringify(again.spec) !== JSON.stringify(result.spec) || again.findings.length > 0) throw new Error('not idempotent');
  return result;
}

test('no profile (seccomp=unconfined): hardrun\'s denylist profile', t => {
  const { spec, findings } = harden(fixture('docker-unconfined'));
  const profile = spec.linux!.seccomp!;
  t.is(profile.defaultAction, 'SCMP_ACT_ALLOW');
  t.deepEqual(profile.architectures, ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
  t.deepEqual(profile.syscalls![0], { names: [...defaultDeniedSyscalls], action: 'SCMP_ACT_ERRNO', errnoRet: 1 });
  t.deepEqual(profile.syscalls![1], { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 });
  t.deepEqual(profile.syscalls!.slice(2), namespaceFlags.map(flag => ({
    names: ['clone'], action: 'SCMP_ACT_ERRNO', errnoRet: 1, args: [{ index: 0, value: flag, valueTwo: flag, op: 'SCMP_CMP_MASKED_EQ' }],
  })));
  assertDenies(t, profile);
  t.true(allows(profile, 'read'));
  t.true(allowsCloneWith(profile, 0x00010000 /* CLONE_THREAD */, 0));
  t.deepEqual(findings.map(f => [f.rule, f.action, f.path]), [['seccomp', 'changed', 'linux.seccomp']]);
  t.regex(findings[0]!.message, /^linux.seccomp was absent \(unconfined\): applied hardrun's own profile, which denies \d+ syscalls and namespace flags on clone \(hardening.seccomp\)$/);
});

test('architectures follow the host: arm64, and s390x with the flags in the second argument', t => {
  const arm = harden({ linux: {} }, { backend: 'runc', arch: 'arm64' }).spec.linux!.seccomp!;
  t.deepEqual(arm.architectures, ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM']);
  const s390 = harden({ linux: {} }, { backend: 'runc', arch: 's390x' }).spec.linux!.seccomp!;
  t.deepEqual(s390.architectures, ['SCMP_ARCH_S390X', 'SCMP_ARCH_S390']);
  assertDenies(t, s390, 1);
  const unknown = harden({}, { backend: 'runc' }).spec.linux!.seccomp!;
  t.deepEqual(unknown.architectures, ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'], 'no arch given: x64');
});

test('Docker\'s default profile is kept, its own clone rule too, and what it allowed from the list is denied', t => {
  const input = fixture('docker-default');
  const original = input.linux!.seccomp!;
  const { spec, findings } = harden(input);
  const profile = spec.linux!.seccomp!;
  t.is(profile.defaultAction, 'SCMP_ACT_ERRNO');
  t.deepEqual(profile.architectures, original.architectures);
  t.true(allows(original, 'ptrace') && allows(original, 'io_uring_setup'));
  assertDenies(t, profile);
  const dockerClone = original.syscalls!.find(rule => rule.names.includes('clone'));
  t.true(profile.syscalls!.includes(dockerClone!), 'the very same clone rule');
  t.deepEqual(profile.syscalls!.filter(rule => rule.names.includes('clone3')), [{ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }]);
  for (const name of ['read', 'write', 'execve', 'personality', 'chroot']) t.true(allows(profile, name), name);
  t.regex(findings[0]!.message, /^kept the config's linux.seccomp profile and tightened it: it allowed io_uring_enter, io_uring_register, io_uring_setup, ptrace, now denied \(hardening.seccomp\)$/);
});

test('with --cap-add SYS_ADMIN Docker\'s profile allows mount, unshare, setns and any clone: all denied again', t => {
  const input = fixture('docker-cap-sys-admin');
  const original = input.linux!.seccomp!;
  for (const name of ['mount', 'unshare', 'setns', 'bpf', 'clone3']) t.true(allows(original, name), name);
  t.true(allowsCloneWith(original, 0x10000000, 0));
  const { spec, findings } = harden(input);
  const profile = spec.linux!.seccomp!;
  assertDenies(t, profile);
  t.true(allowsCloneWith(profile, 0x00010000, 0), 'threads still start');
  t.true(allows(profile, 'sethostname'), 'rules mixing managed and other names keep the others');
  t.regex(findings[0]!.message, /it allowed .*mount.*unshare, clone with namespace flags, now denied/);
});

test('a custom allowlist that never allowed clone does not get clone allowed', t => {
  const input: Spec = { linux: { seccomp: { defaultAction: 'SCMP_ACT_KILL_PROCESS', syscalls: [{ names: ['read', 'write', 'exit_group'], action: 'SCMP_ACT_ALLOW' }] } } };
  const profile = harden(input).spec.linux!.seccomp!;
  t.false(profile.syscalls!.some(rule => rule.names.includes('clone') && rule.action === 'SCMP_ACT_ALLOW'));
  t.false(allows(profile, 'clone'));
  assertDenies(t, profile);
});

test('an allow-all profile with rules of its own is tightened, and keeps its fields and architectures', t => {
  const input: Spec = {
    linux: {
      seccomp: {
        defaultAction: 'SCMP_ACT_LOG',
        architectures: ['SCMP_ARCH_X86_64'],
        flags: ['SECCOMP_FILTER_FLAG_LOG'],
        listenerMetadata: 'x',
        syscalls: [
          { names: ['mount', 'getpid'], action: 'SCMP_ACT_ALLOW', comment: 'kept' },
          { names: ['ptrace'], action: 'SCMP_ACT_KILL' },
        ],
      },
    },
  };
  const { spec, findings } = harden(input);
  const profile = spec.linux!.seccomp!;
  assertDenies(t, profile);
  t.deepEqual(profile.syscalls![0], { names: ['getpid'], action: 'SCMP_ACT_ALLOW', comment: 'kept' });
  t.like(profile, { defaultAction: 'SCMP_ACT_LOG', architectures: ['SCMP_ARCH_X86_64'], flags: ['SECCOMP_FILTER_FLAG_LOG'], listenerMetadata: 'x' });
  t.regex(findings[0]!.message, /it allowed mount, now denied/);
});

test('under runsc the finding says where it applies, and clone3 is left to gVisor', t => {
  const context: HardenContext = { backend: 'runsc', arch: 'x64' };
  const { spec, findings } = harden({}, context);
  const profile = spec.linux!.seccomp!;
  t.false(profile.syscalls!.some(rule => rule.names.includes('clone3')));
  t.regex(findings[0]!.message, /under runsc, gVisor enforces it on the application only when runsc runs with --oci-seccomp/);
  const docker = harden(fixture('docker-default'), context).spec.linux!.seccomp!;
  t.deepEqual(docker.syscalls!.filter(rule => rule.names.includes('clone3')), [{ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }], 'Docker\'s own rule stays');
});

test('settings: no namespace-clone rules when switched off, and another errno', t => {
  const profile = applySeccomp({}, { ...settings, denyNamespaceClone: false, errnoRet: 13 }, runc).spec.linux!.seccomp!;
  t.deepEqual(profile.syscalls, [{ names: [...defaultDeniedSyscalls], action: 'SCMP_ACT_ERRNO', errnoRet: 13 }]);
});

test('other fields of the spec and of linux survive', t => {
  const input: Spec = { linux: { namespaces: [{ type: 'pid' }], vendor: { a: 1 } }, extra: true };
  const { spec } = harden(input);
  t.deepEqual(spec.linux!.namespaces, [{ type: 'pid' }]);
  t.deepEqual(spec.linux!['vendor'], { a: 1 });
  t.is(spec['extra'], true);
});

const actions = fc.constantFrom('SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO', 'SCMP_ACT_KILL', 'SCMP_ACT_LOG', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_TRACE');
const names = fc.constantFrom(...defaultDeniedSyscalls, 'clone', 'clone3', 'read', 'write', 'openat', 'futex', 'sethostname');
// Weighted towards the values that decide clone rules: the namespace mask,
// single namespace flags, and valueTwo zero or not.
const argument = fc.record({
  index: fc.constantFrom(0, 1),
  value: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(0x7e020000, 0x7e020011, 0x10000000, 0x00020000, 0xffffffff, 0) },
    { weight: 1, arbitrary: fc.nat({ max: 0xffffffff }) },
  ),
  valueTwo: fc.option(fc.constantFrom(0, 0x10000000, 0x00020000), { nil: undefined }),
  op: fc.oneof({ weight: 3, arbitrary: fc.constant('SCMP_CMP_MASKED_EQ') }, { weight: 1, arbitrary: fc.constantFrom('SCMP_CMP_EQ', 'SCMP_CMP_NE', 'SCMP_CMP_GT') }),
}).map(arg => (arg.valueTwo === undefined ? { index: arg.index, value: arg.value, op: arg.op } : arg));
const rule = fc.record({
  names: fc.oneof(fc.constant<string[]>(['clone']), fc.uniqueArray(names, { minLength: 1, maxLength: 5 })),
  action: actions,
  args: fc.option(fc.array(argument, { minLength: 1, maxLength: 2 }), { nil: undefined }),
}).map(r => (r.args === undefined ? { names: r.names, action: r.action } : r));
const profile = fc.record({ defaultAction: actions, syscalls: fc.array(rule, { maxLength: 8 }) });

test('property: any profile, any backend: the listed syscalls and namespace clones are denied, idempotently', t => {
  fc.assert(
    fc.property(fc.option(profile, { nil: undefined }), fc.constantFrom<HardenContext['backend']>('runc', 'runsc', 'kata'), (seccomp, backend) => {
      const input: Spec = seccomp === undefined ? { linux: {} } : { linux: { seccomp } };
      const before = JSON.stringify(input);
      const context: HardenContext = { backend, arch: 'x64' };
      const result = applySeccomp(input, settings, context);
      const hardened = result.spec.linux!.seccomp!;
      for (const name of defaultDeniedSyscalls) if (allows(hardened, name)) return false;
      for (const flag of namespaceFlags) if (allowsCloneWith(hardened, flag, 0)) return false;
      if (backend !== 'runsc' && allows(hardened, 'clone3')) return false;
      const again = applySeccomp(result.spec, settings, context);
      return JSON.stringify(input) === before && JSON.stringify(again.spec) === JSON.stringify(result.spec) && again.findings.length === 0;
    }),
    { numRuns: 1000 },
  );
  t.pass();
});

test('property: a syscall the profile allowed and hardrun does not manage stays allowed', t => {
  fc.assert(
    fc.property(profile, seccomp => {
      const hardened = applySeccomp({ linux: { seccomp } }, settings, runc).spec.linux!.seccomp!;
      return ['read', 'write', 'openat', 'futex', 'sethostname'].every(name => !allows(seccomp, name) || allows(hardened, name));
    }),
    { numRuns: 300 },
  );
  t.pass();
});
