import test from 'ava';
import { admitSpec } from '../../src/policy/admit.js';
import type { Subject } from '../../src/policy/match.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import type { PolicyDocument } from '../../src/policy/generated/policy-document.js';
import type { Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec } from '../helpers/specs.js';

const ranges = { uids: { hostID: 100000, size: 65536 }, gids: { hostID: 100000, size: 65536 } };
const disk = { path: '/dev/vda', type: 'b', major: 254, minor: 0 };
const withDevices = (...devices: object[]): Spec => ({ ...minimalSpec, linux: { ...minimalSpec.linux, devices } });
const subject = (policy: ReturnType<typeof normalizePolicy>, spec: Spec, caller = 'moby'): Subject =>
  ({ id: 'c1', spec, caller, host: fakeHost(), defaultDevices: policy.hardening.devices.allow });

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
