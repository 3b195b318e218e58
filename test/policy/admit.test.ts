import test from 'ava';
import { admitSpec } from '../../src/policy/admit.js';
import type { Subject } from '../../src/policy/match.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import type { PolicyDocument } from '../../src/policy/generated/policy-document.js';
import type { DeviceNode, Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec, testOrigin } from '../helpers/specs.js';
import { slotAt, type IdPool } from '../../src/state/id-slots.js';

const ranges = { pool: { uids: { hostID: 100000, size: 65536 }, gids: { hostID: 100000, size: 65536 } }, pick: (pool: IdPool) => slotAt(pool, 0) };
const disk = { path: '/dev/vda', type: 'b', major: 254, minor: 0 };
const withDevices = (...devices: DeviceNode[]): Spec => ({ ...minimalSpec, linux: { ...minimalSpec.linux, devices } });
const subject = (policy: ReturnType<typeof normalizePolicy>, spec: Spec, caller = 'moby'): Subject =>
  ({ id: 'c1', spec, caller, host: fakeHost(), origin: testOrigin, defaultDevices: policy.hardening.devices.allow });

const backends: PolicyDocument['backends'] = {
  gvisor: { path: '/usr/bin/runsc', kind: 'runsc', args: ['--network=none'] },
  kata: { path: '/usr/bin/kata-runtime', kind: 'kata' },
  runc2: { path: '/usr/bin/runc', kind: 'runc' },
};

// A check in sandbox mode sends a container to the sandbox backend only
// when that isolates at least as much as the backend the policy chose.
const sandboxCases: readonly [string, string, string][] = [
  ['runc is raised to gVisor', 'runc2', 'gvisor'],
  ['gVisor stays gVisor', 'gvisor', 'gvisor'],
  ['Kata is never lowered to gVisor', 'kata', 'kata'],
];

for (const [title, chosen, expected] of sandboxCases) {
  test(`sandbox mode: ${title}`, t => {
    const policy = normalizePolicy({
      backends, sandboxBackend: 'gvisor', checks: { devices: { mode: 'sandbox' } },
      rules: [{ name: 'ci', match: { caller: ['k8s.io'] }, backend: chosen }],
    }, 'test');
    const admission = admitSpec(policy, subject(policy, withDevices(disk), 'k8s.io'), ranges);
    t.deepEqual(admission.refusals, []);
    t.true(admission.judged.some(item => item.mode === 'sandbox'));
    t.is(admission.backend.name, expected);
  });
}

test('sandbox mode: a Kata default is not lowered to gVisor either', t => {
  const policy = normalizePolicy({ backends, defaultBackend: 'kata', sandboxBackend: 'gvisor', checks: { devices: { mode: 'sandbox' } } }, 'test');
  t.is(admitSpec(policy, subject(policy, withDevices(disk)), ranges).backend.name, 'kata');
});

const fuse = { path: '/dev/fuse', type: 'c', major: 10, minor: 229, fileMode: 438, uid: 0, gid: 0 };

test('devices: a rule that allows /dev/fuse lets it through, and only under that rule', t => {
  const defaults = normalizePolicy({}, 'test').hardening.devices.allow;
  const policy = normalizePolicy({
    rules: [{ name: 'fuse-builds', match: { caller: ['k8s.io'] }, hardening: { devices: { allow: [...defaults, { type: 'c', major: 10, minor: 229 }] } } }],
  }, 'test');
  const allowed = admitSpec(policy, subject(policy, withDevices(fuse), 'k8s.io'), ranges);
  t.deepEqual(allowed.refusals, []);
  t.is(allowed.decision.rule, 'fuse-builds');
  t.deepEqual(allowed.spec.linux?.devices, [fuse]);
  const elsewhere = admitSpec(policy, subject(policy, withDevices(fuse), 'moby'), ranges);
  t.is(elsewhere.refusals.length, 1);
  t.regex(elsewhere.refusals[0]!, /^linux\.devices\[0\]: the host device \/dev\/fuse \(c 10:229\) is beyond the default devices .*rule default/);
  const disk = admitSpec(policy, subject(policy, withDevices(fuse, { path: '/dev/vda', type: 'b', major: 254, minor: 0 }), 'k8s.io'), ranges);
  t.is(disk.refusals.length, 1);
  t.regex(disk.refusals[0]!, /\/dev\/vda .*rule fuse-builds/);
});

test('devices: a rule the container\'s own user triggers cannot widen the allowlist', t => {
  const defaults = normalizePolicy({}, 'test').hardening.devices.allow;
  const policy = normalizePolicy({
    rules: [{ name: 'asks-for-fuse', match: { annotations: { 'fuse': 'yes' } }, hardening: { devices: { allow: [...defaults, { type: 'c', major: 10, minor: 229 }] } } }],
  }, 'test');
  const admission = admitSpec(policy, subject(policy, { ...withDevices(fuse), annotations: { fuse: 'yes' } }), ranges);
  t.is(admission.refusals.length, 1);
  t.regex(admission.refusals[0]!, /\/dev\/fuse .*check devices/);
});

test('a container of a pod takes its sandbox\'s range and user namespace instead of a pick; a refused join is refused under the rule', t => {
  const policy = normalizePolicy({}, 'test');
  const sandboxIds = slotAt(ranges.pool, 0);
  const member = { kind: 'member' as const, sandbox: 'sb', userNamespace: '/proc/100/ns/user', ids: sandboxIds, claim: '/run/hardrun/ids/100000' };
  const joined = admitSpec(policy, subject(policy, minimalSpec, 'k8s.io'), { ...ranges, pick: () => { throw new Error('no pick for a pod container'); }, pod: member });
  t.deepEqual(joined.refusals, []);
  t.is(joined.ids, sandboxIds);
  t.deepEqual(joined.spec.linux?.namespaces?.find(namespace => namespace.type === 'user'), { type: 'user', path: '/proc/100/ns/user' });
  const refused = admitSpec(policy, subject(policy, minimalSpec, 'k8s.io'), { ...ranges, pod: { kind: 'refused', reason: 'linux.namespaces: the ipc namespace /proc/7/ns/ipc belongs to a process in the host\'s user namespace' } });
  t.deepEqual(refused.refusals, ['linux.namespaces: the ipc namespace /proc/7/ns/ipc belongs to a process in the host\'s user namespace (rule default)']);
  const off = normalizePolicy({ hardening: { userNamespace: { mode: 'off' } } }, 'test');
  t.deepEqual(admitSpec(off, subject(off, minimalSpec, 'k8s.io'), { ...ranges, pod: { kind: 'refused', reason: 'x' } }).refusals, [], 'with the user namespace off, hardrun judges no join');
});
