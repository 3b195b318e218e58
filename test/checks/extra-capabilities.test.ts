import test from 'ava';
import { readFileSync } from 'node:fs';
import { callerDefaultCapabilities } from '../../src/checks/extra-capabilities.js';
import { admitSpec } from '../../src/policy/admit.js';
import { builtinPolicy } from '../../src/policy/builtin.js';
import type { Subject } from '../../src/policy/match.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import type { PolicyDocument } from '../../src/policy/generated/policy-document.js';
import type { Policy } from '../../src/policy/policy.js';
import type { Spec } from '../../src/spec/types.js';
import { slotAt, type IdPool } from '../../src/state/id-slots.js';
import { fakeHost } from '../helpers/fake-host.js';
import { testOrigin } from '../helpers/specs.js';

const fixture = (name: string): Spec => JSON.parse(readFileSync(`test/fixtures/specs/${name}.json`, 'utf8')) as Spec;
const ranges = { pool: { uids: { hostID: 100000, size: 65536 }, gids: { hostID: 100000, size: 65536 } }, pick: (pool: IdPool) => slotAt(pool, 0) };
const dockerDefault = fixture('docker-default');
/** docker run --cap-add NAME...: Docker's 14 and the added ones in every set but ambient. */
const withAdded = (...names: string[]): Spec => {
  const caps = [...callerDefaultCapabilities, ...names];
  return { ...dockerDefault, process: { ...dockerDefault.process, capabilities: { bounding: caps, effective: caps, permitted: caps } } };
};
/** The fixture's own container id, which its per-container mounts name. */
const idOf = (spec: Spec): string => /containers\/([0-9a-f]{64})\//.exec(JSON.stringify(spec.mounts))![1]!;
const subject = (spec: Spec, policy: Policy, image?: string): Subject => ({
  id: idOf(spec), spec, caller: 'moby', host: fakeHost(), origin: testOrigin, defaultDevices: policy.hardening.devices.allow,
  ...(image === undefined ? {} : { image: { known: true, recorded: image, repository: `docker.io/library/${image}`, tag: 'latest', digests: [], source: 'test' } }),
});
const admit = (spec: Spec, policy: Policy = builtinPolicy, image?: string) => admitSpec(policy, subject(spec, policy, image), ranges);
const policyOf = (document: PolicyDocument) => normalizePolicy(document, 'test');
const kept = (spec: Spec) => spec.process?.capabilities?.bounding ?? [];

test('Docker\'s own defaults beyond the allowlist are dropped without a word', t => {
  const admission = admit(dockerDefault);
  t.deepEqual(admission.refusals, []);
  t.false(kept(admission.spec).includes('CAP_NET_RAW'));
  t.deepEqual(admission.judged, []);
});

test('--cap-add of a capability the allowlist lacks is refused, naming it, the rule, and how to allow it', t => {
  const admission = admit(withAdded('CAP_IPC_LOCK'));
  t.deepEqual(admission.refusals, [
    'process.capabilities: the container asks for CAP_IPC_LOCK (--cap-add) beyond hardening.capabilities.allow; to allow them, add them to hardening.capabilities.allow in a rule for this container (match.image, say), or set checks.extraCapabilities.mode to harden to run it without them (check extraCapabilities, rule default)',
  ]);
});

test('--cap-add SYS_ADMIN under runc: no rule can grant it there, so the sentence points to the sandbox', t => {
  const [refusal] = admit(withAdded('CAP_SYS_ADMIN', 'CAP_IPC_LOCK')).refusals;
  t.regex(refusal!, /asks for CAP_SYS_ADMIN, CAP_IPC_LOCK \(--cap-add\)/);
  t.regex(refusal!, /no rule grants CAP_SYS_ADMIN under runc \(hardening.capabilities.never\): set checks.extraCapabilities.mode to sandbox/);
});

test('--privileged is refused as such', t => {
  const [refusal, ...rest] = admit(fixture('docker-privileged')).refusals;
  t.deepEqual(rest, []);
  t.regex(refusal!, /^process.capabilities: the container asks for every capability and device \(--privileged\), \d+ capabilities beyond hardening.capabilities.allow; no rule grants CAP_\w+, CAP_\w+, CAP_\w+ and \d+ more under runc/);
});

test('harden mode is the quiet drop: it runs without what it asked for', t => {
  const admission = admit(withAdded('CAP_SYS_ADMIN', 'CAP_IPC_LOCK'), policyOf({ checks: { extraCapabilities: { mode: 'harden' } } }));
  t.deepEqual(admission.refusals, []);
  t.deepEqual(kept(admission.spec).filter(name => name === 'CAP_SYS_ADMIN' || name === 'CAP_IPC_LOCK'), []);
  t.deepEqual(admission.judged.map(item => [item.violation.check, item.mode]), [['extraCapabilities', 'harden']]);
});

test('sandbox mode sends it to the sandbox backend, with what it asked for', t => {
  const policy = policyOf({ sandboxBackend: 'runsc', checks: { extraCapabilities: { mode: 'sandbox' } } });
  const admission = admit(withAdded('CAP_SYS_ADMIN'), policy);
  t.deepEqual(admission.refusals, []);
  t.is(admission.backend.kind, 'runsc');
  t.true(kept(admission.spec).includes('CAP_SYS_ADMIN'));
  t.false(kept(admission.spec).includes('CAP_NET_RAW'), 'Docker\'s defaults are still cut to the allowlist');
  const plain = admit(dockerDefault, policy);
  t.is(plain.backend.kind, 'runc', 'a container that asks for nothing stays on runc');
});

test('a rule on the image that allows the capability lets it run with it', t => {
  const policy = policyOf({ rules: [{ name: 'memlock', match: { image: ['db'] }, hardening: { capabilities: { allow: ['CHOWN', 'SETUID', 'SETGID', 'IPC_LOCK'] } } }] });
  const admission = admit(withAdded('CAP_IPC_LOCK'), policy, 'db');
  t.deepEqual(admission.refusals, []);
  t.true(kept(admission.spec).includes('CAP_IPC_LOCK'));
  t.regex(admit(withAdded('CAP_IPC_LOCK'), policy, 'other').refusals[0]!, /rule default/);
});

test('with the capabilities transform off or in audit, nothing is dropped, so nothing is refused', t => {
  for (const mode of ['off', 'audit'] as const) {
    t.deepEqual(admit(withAdded('CAP_SYS_ADMIN'), policyOf({ hardening: { capabilities: { mode } } })).refusals, [], mode);
  }
});
