import test from 'ava';
import { admitSpec } from '../../src/policy/admit.js';
import { decide, decisionForRule } from '../../src/policy/decide.js';
import type { Subject } from '../../src/policy/match.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import type { PolicyDocument } from '../../src/policy/generated/policy-document.js';
import type { Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec, testOrigin } from '../helpers/specs.js';
import { slotAt, type IdPool } from '../../src/state/id-slots.js';

const ranges = { pool: { uids: { hostID: 100000, size: 65536 }, gids: { hostID: 100000, size: 65536 } }, pick: (pool: IdPool) => slotAt(pool, 0) };
const subject = (spec: Spec, caller = 'moby'): Subject => ({ id: 'c1', spec, caller, host: fakeHost(), origin: testOrigin, defaultDevices: [] });
const withCaps = (...caps: string[]): Spec => ({ ...minimalSpec, process: { ...minimalSpec.process, capabilities: { bounding: caps, effective: caps, permitted: caps } } });
const withEnv = (...env: string[]): Spec => ({ ...minimalSpec, process: { ...minimalSpec.process, env } });
const withAnnotations = (annotations: Record<string, string>): Spec => ({ ...minimalSpec, annotations });

const gvisorPolicy: PolicyDocument = {
  version: 1,
  backends: { gvisor: { path: '/usr/bin/runsc', kind: 'runsc', args: ['--network=none'] } },
  sandboxBackend: 'gvisor',
  rules: [
    { name: 'admin-to-gvisor', match: { capabilities: ['SYS_ADMIN'] }, backend: 'gvisor', hardening: { capabilities: { allow: ['CAP_SYS_ADMIN', 'CAP_CHOWN'] } } },
    { name: 'ci-in-gvisor', match: { caller: ['k8s.io'] }, backend: 'gvisor' },
  ],
};

test('first match wins: CAP_SYS_ADMIN goes to gVisor, the rest to runc', t => {
  const policy = normalizePolicy(gvisorPolicy, 'test');
  t.is(decide(policy, subject(withCaps('CAP_SYS_ADMIN', 'CAP_CHOWN'))).backend, 'gvisor');
  t.is(decide(policy, subject(withCaps('CAP_SYS_ADMIN'))).rule, 'admin-to-gvisor');
  t.is(decide(policy, subject(withCaps('CAP_CHOWN'))).backend, 'runc');
  t.is(decide(policy, subject(withCaps('CAP_CHOWN'), 'k8s.io')).rule, 'ci-in-gvisor');
});

test('under gVisor the sandbox rule may keep CAP_SYS_ADMIN; under runc it never stays', t => {
  const policy = normalizePolicy(gvisorPolicy, 'test');
  const sandboxed = admitSpec(policy, subject(withCaps('CAP_SYS_ADMIN', 'CAP_CHOWN')), ranges);
  t.is(sandboxed.backend.kind, 'runsc');
  t.true(sandboxed.spec.process?.capabilities?.bounding?.includes('CAP_SYS_ADMIN'));
  const leaky = normalizePolicy({ hardening: { capabilities: { allow: ['CAP_SYS_ADMIN'] } } }, 'test');
  t.false(admitSpec(leaky, subject(withCaps('CAP_SYS_ADMIN')), ranges).spec.process?.capabilities?.bounding?.includes('CAP_SYS_ADMIN'));
});

const userControlled: PolicyDocument = {
  version: 1,
  defaultBackend: 'runsc',
  rules: [
    { name: 'env-wants-runc', match: { env: { FAST: '1' } }, backend: 'runc', checks: { devices: { mode: 'off' } }, hardening: { seccomp: { mode: 'off' } } },
    { name: 'annotation-wants-runc', match: { annotations: { 'hardrun.dev/backend': 'runc' } }, backend: 'runc', checks: { hostNamespaces: { mode: 'audit' } } },
    { name: 'env-wants-kata', match: { env: { PARANOID: '1' } }, backend: 'kata', checks: { procCwd: { mode: 'enforce' } } },
  ],
};

test('an environment variable cannot pick runc when the policy says runsc, nor switch anything off', t => {
  const policy = normalizePolicy(userControlled, 'test');
  const decision = decide(policy, subject(withEnv('FAST=1')));
  t.is(decision.backend, 'runsc');
  t.is(decision.checks.devices.mode, 'enforce');
  t.is(decision.hardening.seccomp.mode, 'harden');
});

test('an annotation cannot lower a check to audit', t => {
  const policy = normalizePolicy(userControlled, 'test');
  const decision = decide(policy, subject(withAnnotations({ 'hardrun.dev/backend': 'runc' })));
  t.is(decision.backend, 'runsc');
  t.is(decision.checks.hostNamespaces.mode, 'enforce');
  const refused = admitSpec(policy, subject({ ...withAnnotations({ 'hardrun.dev/backend': 'runc' }), linux: { namespaces: [{ type: 'mount' }] } }), ranges);
  t.true(refused.refusals.length > 0);
});

test('a user-controlled rule may still raise isolation', t => {
  const policy = normalizePolicy(userControlled, 'test');
  t.is(decide(policy, subject(withEnv('PARANOID=1'))).backend, 'kata');
  const lenient = normalizePolicy({ rules: [{ name: 'wants-gvisor', match: { annotations: { sandbox: 'yes' } }, backend: 'runsc' }] }, 'test');
  t.is(decide(lenient, subject(withAnnotations({ sandbox: 'yes' }))).backend, 'runsc');
});

test('refusals name the setting, the check and the rule', t => {
  const policy = normalizePolicy({}, 'test');
  const spec: Spec = { ...minimalSpec, mounts: [{ destination: '/s', type: 'bind', source: '/run/docker.sock', options: ['rbind'] }] };
  const admission = admitSpec(policy, subject(spec), ranges);
  t.deepEqual(admission.refusals, ['mounts[0].source: the bind mount of host path /run/docker.sock on /s exposes the host (check sensitiveMounts, rule default)']);
});

test('audit mode records the finding and runs the container unchanged in that respect', t => {
  const policy = normalizePolicy({ checks: { sensitiveMounts: { mode: 'audit' } } }, 'test');
  const spec: Spec = { ...minimalSpec, mounts: [{ destination: '/s', type: 'bind', source: '/run/docker.sock', options: ['rbind'] }] };
  const admission = admitSpec(policy, subject(spec), ranges);
  t.deepEqual(admission.refusals, []);
  t.is(admission.judged[0]?.mode, 'audit');
  t.true(admission.spec.mounts?.some(mount => mount.source === '/run/docker.sock'));
});

test('sandbox mode sends the container to the sandbox backend instead of refusing it', t => {
  const policy = normalizePolicy({ sandboxBackend: 'runsc', checks: { devices: { mode: 'sandbox' } } }, 'test');
  const spec: Spec = { ...minimalSpec, linux: { ...minimalSpec.linux, devices: [{ path: '/dev/vda', type: 'b', major: 254, minor: 0 }] } };
  const admission = admitSpec(policy, { ...subject(spec), defaultDevices: policy.hardening.devices.allow }, ranges);
  t.deepEqual(admission.refusals, []);
  t.is(admission.backend.name, 'runsc');
});

test('an exec is decided as its container was: a rule that only raises, with the baseline it raised, from the names the record keeps', t => {
  const policy = normalizePolicy({
    version: 1,
    hardening: { capabilities: { allow: ['CAP_CHOWN', 'CAP_KILL', 'CAP_SETUID', 'CAP_SETGID'] } },
    checks: { procCwd: { mode: 'audit' } },
    rules: [
      { name: 'debug-strict', match: { env: { DEBUG: '*' } }, checks: { sysctls: { mode: 'enforce' } } },
      { name: 'untrusted', match: { caller: ['moby'] }, hardening: { capabilities: { allow: [] } }, checks: { procCwd: { mode: 'enforce' } } },
    ],
  }, 'test');
  for (const env of [['PATH=/bin'], ['PATH=/bin', 'DEBUG=1']]) {
    const created = decide(policy, subject(withEnv(...env)));
    const again = decisionForRule(policy, created.basis);
    t.deepEqual(again, created, env.join(' '));
    t.is(again.checks.procCwd.mode, 'enforce', `${env.join(' ')}: the exec keeps untrusted's procCwd`);
    t.deepEqual(again.hardening.capabilities.allow, [], `${env.join(' ')}: and its capabilities`);
  }
  t.deepEqual(decide(policy, subject(withEnv('DEBUG=1'))).basis, { rule: 'debug-strict', raising: 'untrusted' });
  // A record an older engine wrote: the decision's display form.
  t.deepEqual(decisionForRule(policy, { rule: 'debug-strict (raising untrusted)' }), decide(policy, subject(withEnv('DEBUG=1'))));
  t.is(decisionForRule(policy, { rule: 'gone' }).rule, 'default');
});
