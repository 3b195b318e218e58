import test from 'ava';
import { readFileSync } from 'node:fs';
import { hardenProcess, hardenSpec } from '../../src/harden/pipeline.js';
import type { HardeningSettings } from '../../src/harden/settings.js';
import { defaultHardening } from '../../src/harden/units.js';
import type { HardenContext } from '../../src/harden/types.js';
import type { Mount, Process, Spec } from '../../src/spec/types.js';

const fixture = (name: string): Spec => JSON.parse(readFileSync(new URL(`../../../test/fixtures/specs/${name}.json`, import.meta.url), 'utf8')) as Spec;
const runc: HardenContext = { backend: 'runc', arch: 'x64' };
const sets = ['bounding', 'effective', 'permitted', 'inheritable', 'ambient'] as const;
const allowed = new Set(defaultHardening.capabilities.allow);

function capabilitiesOf(process: Process): string[] {
  return sets.flatMap(set => process.capabilities?.[set] ?? []);
}

/** What acceptance 1 and 2 check from inside the container, read from the config instead. */
function assertHardened(t: import('ava').ExecutionContext, spec: Spec): void {
  t.true(capabilitiesOf(spec.process!).every(name => allowed.has(name)), 'no capability outside the allowlist');
  t.true(spec.process!.noNewPrivileges);
  t.true(spec.root!.readonly);
  t.truthy(spec.linux!.seccomp, 'a seccomp filter (Seccomp: 2)');
  t.true(spec.linux!.maskedPaths!.includes('/proc/kcore'));
  t.true(spec.linux!.readonlyPaths!.includes('/proc/sys'));
  const tmp = spec.mounts!.find((mount: Mount) => mount.destination === '/tmp');
  t.like(tmp, { type: 'tmpfs' }, '/tmp writable');
  for (const mount of spec.mounts!) {
    if (mount.type === 'sysfs' || mount.type === 'cgroup') t.true(mount.options!.includes('ro') && !mount.options!.includes('rw'), mount.destination);
  }
}

for (const name of ['docker-default', 'docker-privileged', 'docker-unconfined', 'docker-cap-sys-admin']) {
  test(`${name}: hardened, idempotent, input untouched`, t => {
    const input = fixture(name);
    const before = structuredClone(input);
    const result = hardenSpec(input, defaultHardening, runc);
    assertHardened(t, result.spec);
    t.deepEqual(input, before);
    const again = hardenSpec(result.spec, defaultHardening, runc);
    t.deepEqual(again.spec, result.spec);
    t.deepEqual(again.findings, []);
    t.true(result.findings.every(f => f.action === 'changed' && f.message.length > 0 && /hardening\./.test(f.message)));
  });
}

test('the findings come in pipeline order', t => {
  const input = { ...fixture('docker-privileged'), annotations: { 'org.systemd.property.CPUQuota': '1%' } };
  const rules = hardenSpec(input, defaultHardening, runc).findings.map(f => f.rule);
  const order = ['annotations', 'capabilities', 'no-new-privileges', 'seccomp', 'system-paths', 'kernel-filesystems', 'devices', 'readonly-rootfs', 'user-namespace'];
  t.deepEqual([...new Set(rules)], order);
});

test('docker exec --privileged gets exactly the capabilities create left', t => {
  const created = hardenSpec(fixture('docker-default'), defaultHardening, runc).spec.process!;
  const exec = hardenProcess(fixture('docker-exec-privileged.process'), defaultHardening, runc).spec;
  for (const set of sets) t.deepEqual([...(exec.capabilities?.[set] ?? [])].sort(), [...(created.capabilities?.[set] ?? [])].sort(), set);
  t.true(exec.noNewPrivileges);
  t.deepEqual(exec.args, ['true']);
});

test('audit mode leaves the spec as it is and reports what harden would do', t => {
  const audit = Object.fromEntries(Object.entries(defaultHardening).map(([key, value]) => [key, { ...value, mode: 'audit' }])) as unknown as HardeningSettings;
  const input = fixture('docker-privileged');
  const result = hardenSpec(input, audit, runc);
  t.is(result.spec, input);
  const hardened = hardenSpec(input, defaultHardening, runc);
  t.is(result.findings.length, hardened.findings.length);
  t.true(result.findings.every(f => f.action === 'audited' && f.message.startsWith('audit only, not applied: ')));
});

test('off mode skips a transform, and one transform\'s mode does not affect the others', t => {
  const settings: HardeningSettings = { ...defaultHardening, seccomp: { ...defaultHardening.seccomp, mode: 'off' }, rootfs: { ...defaultHardening.rootfs, mode: 'audit' } };
  const input = fixture('docker-unconfined');
  const { spec, findings } = hardenSpec(input, settings, runc);
  t.is(spec.linux!.seccomp, undefined);
  t.is(spec.root, input.root);
  t.is(spec.mounts, input.mounts);
  t.true(spec.process!.noNewPrivileges);
  t.false(findings.some(f => f.rule === 'seccomp'));
  t.true(findings.filter(f => f.rule === 'readonly-rootfs').every(f => f.action === 'audited'));
});

test('a minimal spec (no linux, no mounts) comes out complete, keeping unknown fields', t => {
  const input: Spec = { ociVersion: '1.0.2', process: { args: ['true'], cwd: '/' }, root: { path: 'rootfs' }, unknownField: { kept: true } };
  const { spec } = hardenSpec(input, defaultHardening, runc);
  t.deepEqual(spec['unknownField'], { kept: true });
  t.deepEqual(spec.process!.capabilities, { bounding: [], effective: [], permitted: [], inheritable: [], ambient: [] });
  t.like(spec, { ociVersion: '1.0.2', root: { path: 'rootfs', readonly: true }, process: { args: ['true'], cwd: '/', noNewPrivileges: true } });
  t.is(spec.linux!.seccomp!.defaultAction, 'SCMP_ACT_ALLOW');
  t.deepEqual(spec.mounts!.map(m => m.destination), ['/tmp', '/run', '/var/tmp']);
});

test('a spec without process is hardened everywhere else', t => {
  const { spec } = hardenSpec({ root: { path: 'rootfs' } }, defaultHardening, runc);
  t.is(spec.process, undefined);
  t.true(spec.root!.readonly);
});
