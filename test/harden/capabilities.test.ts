import test from 'ava';
import { readFileSync } from 'node:fs';
import { applyCapabilities, normalizeCapability } from '../../src/harden/capabilities.js';
import type { CapabilitySettings } from '../../src/harden/settings.js';
import { defaultHardening } from '../../src/harden/units.js';
import type { HardenContext } from '../../src/harden/types.js';
import type { Process, Spec } from '../../src/spec/types.js';

const fixture = (name: string): Spec => JSON.parse(readFileSync(new URL(`../../../test/fixtures/specs/${name}.json`, import.meta.url), 'utf8')) as Spec;
const settings = defaultHardening.capabilities;
const runc: HardenContext = { backend: 'runc', arch: 'x64' };
const runsc: HardenContext = { backend: 'runsc', arch: 'x64' };
const sets = ['bounding', 'effective', 'permitted', 'inheritable', 'ambient'] as const;
const allowlist = ['CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_KILL'];

test('the default allowlist is smaller than Docker\'s 14 and keeps none of the never list', t => {
  const docker = fixture('docker-default').process!.capabilities!.bounding!;
  t.is(docker.length, 14);
  t.true(settings.allow.length < docker.length);
  t.true(settings.allow.every(name => docker.includes(name)));
  t.false(settings.allow.some(name => settings.never.includes(name)));
});

const table: { title: string; input: Process; context?: HardenContext; settings?: CapabilitySettings; expected: Process; messages: RegExp[] }[] = [
  {
    title: 'Docker\'s default 14 are reduced to the allowlist, in their order',
    input: fixture('docker-default').process!,
    expected: { ...fixture('docker-default').process!, capabilities: { bounding: allowlist, effective: allowlist, permitted: allowlist } },
    messages: [/^dropped CAP_MKNOD, CAP_NET_RAW, CAP_SETFCAP, CAP_SYS_CHROOT, CAP_AUDIT_WRITE from process.capabilities: not in hardening.capabilities.allow$/],
  },
  {
    title: 'inheritable and ambient are reduced too',
    input: { args: ['sh'], capabilities: { inheritable: ['CAP_SYS_ADMIN', 'CAP_KILL'], ambient: ['CAP_NET_RAW'] } },
    expected: { args: ['sh'], capabilities: { inheritable: ['CAP_KILL'], ambient: [] } },
    messages: [/dropped CAP_SYS_ADMIN, CAP_NET_RAW/],
  },
  {
    title: 'a process without capabilities gets five empty sets (newer runc would keep all of its own)',
    input: { args: ['sh'] },
    expected: { args: ['sh'], capabilities: { bounding: [], effective: [], permitted: [], inheritable: [], ambient: [] } },
    messages: [/process.capabilities was absent/],
  },
  {
    title: 'names are compared without case or prefix, and written back as CAP_X once',
    input: { capabilities: { bounding: ['cap_chown', 'KILL', 'CAP_KILL', 'CAP_CHOWN'] } },
    settings: { ...settings, allow: ['chown', 'Cap_Kill'] },
    expected: { capabilities: { bounding: ['CAP_CHOWN', 'CAP_KILL'] } },
    messages: [/rewrote process.capabilities/],
  },
  {
    title: 'the never list wins over a policy allowlist under runc',
    input: { capabilities: { bounding: ['CAP_SYS_ADMIN', 'CAP_CHOWN'], effective: ['CAP_SYS_ADMIN'] } },
    settings: { ...settings, allow: [...settings.allow, 'SYS_ADMIN'] },
    expected: { capabilities: { bounding: ['CAP_CHOWN'], effective: [] } },
    messages: [/^dropped CAP_SYS_ADMIN from process.capabilities: hardening.capabilities.never withholds it under runc/],
  },
  {
    title: 'under runsc the never list is lifted and the kept ones are audited',
    input: { capabilities: { bounding: ['CAP_SYS_ADMIN', 'CAP_NET_RAW'] } },
    context: runsc,
    settings: { ...settings, allow: [...settings.allow, 'CAP_SYS_ADMIN'] },
    expected: { capabilities: { bounding: ['CAP_SYS_ADMIN'] } },
    messages: [/dropped CAP_NET_RAW/, /kept CAP_SYS_ADMIN although hardening.capabilities.never lists it: under runsc, gVisor's kernel checks capabilities/],
  },
  {
    title: 'under runsc the allowlist still applies',
    input: { capabilities: { bounding: ['CAP_SYS_ADMIN'] } },
    context: runsc,
    expected: { capabilities: { bounding: [] } },
    messages: [/dropped CAP_SYS_ADMIN from process.capabilities: not in hardening.capabilities.allow/],
  },
];

for (const row of table) {
  test(row.title, t => {
    const before = structuredClone(row.input);
    const result = applyCapabilities(row.input, row.settings ?? settings, row.context ?? runc);
    t.deepEqual(result.spec, row.expected);
    t.deepEqual(row.input, before, 'input untouched');
    t.deepEqual(result.findings.map(f => f.message).length, row.messages.length, JSON.stringify(result.findings));
    row.messages.forEach((pattern, i) => t.regex(result.findings[i]!.message, pattern));
    t.true(result.findings.every(f => f.rule === 'capabilities' && f.path === 'process.capabilities'));
    const again = applyCapabilities(result.spec, row.settings ?? settings, row.context ?? runc);
    t.deepEqual(again.spec, result.spec, 'idempotent');
    t.false(again.findings.some(f => f.action === 'changed'));
  });
}

test('docker exec --privileged gets the allowlist in every set', t => {
  const exec = fixture('docker-exec-privileged.process') as Process;
  t.is(exec.capabilities!.bounding!.length, 38);
  const { spec } = applyCapabilities(exec, settings, runc);
  for (const set of sets) {
    const names = spec.capabilities![set];
    if (names !== undefined) t.deepEqual([...names].sort(), [...allowlist].sort(), set);
  }
});

test('a process already reduced comes back as the same object, with no findings', t => {
  const process: Process = { capabilities: { bounding: ['CAP_CHOWN'], effective: ['CAP_CHOWN'] } };
  const result = applyCapabilities(process, settings, runc);
  t.is(result.spec, process);
  t.deepEqual(result.findings, []);
});

test('unknown fields of the process and of its capabilities survive', t => {
  const process: Process = { capabilities: { bounding: ['CAP_SYS_ADMIN'], futureSet: ['CAP_SYS_ADMIN'] }, selinuxLabel: 'x', extra: { a: 1 } };
  const { spec } = applyCapabilities(process, settings, runc);
  t.deepEqual(spec, { capabilities: { bounding: [], futureSet: ['CAP_SYS_ADMIN'] }, selinuxLabel: 'x', extra: { a: 1 } });
});

test('normalizeCapability', t => {
  t.is(normalizeCapability('sys_admin'), 'CAP_SYS_ADMIN');
  t.is(normalizeCapability(' CAP_kill '), 'CAP_KILL');
  t.is(normalizeCapability('CAP_CHOWN'), 'CAP_CHOWN');
});
