import test from 'ava';
import { parse } from 'yaml';
import { builtinPolicy } from '../../src/policy/builtin.js';
import { decide } from '../../src/policy/decide.js';
import { documentOf, policyYaml } from '../../src/policy/document.js';
import { namedImage } from '../../src/policy/image.js';
import type { PolicyDocument } from '../../src/policy/generated/policy-document.js';
import { checkPolicyText } from '../../src/policy/check.js';
import type { Subject } from '../../src/policy/match.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import type { Policy } from '../../src/policy/policy.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec, testOrigin } from '../helpers/specs.js';

const edited: PolicyDocument = {
  version: 1,
  backends: { gvisor: { path: '/usr/bin/runsc', kind: 'runsc', args: ['--network=none'] } },
  sandboxBackend: 'gvisor',
  audit: { file: '/var/log/hardrun.jsonl' },
  hardening: {
    rootfs: { writablePaths: { add: ['/srv/cache'] }, tmpfsSize: '128m' },
    devices: { allow: { add: [{ type: 'c', major: 10, minor: 229 }] } },
    userNamespace: { uids: { hostID: 200000, size: 655360 }, gids: { hostID: 200000, size: 655360 }, plainBindPaths: { remove: ['/opt'] } },
  },
  checks: { sensitiveMounts: { allow: { add: ['/srv/shared/**'] } }, sysctls: { mode: 'audit' } },
  rules: [
    { name: 'nginx', match: { image: ['nginx'] }, hardening: { rootfs: { writablePaths: { add: ['/var/cache/nginx'] } } } },
    { name: 'debug-to-gvisor', match: { env: { DEBUG: '1' } }, backend: 'gvisor', checks: { procCwd: { mode: 'enforce' } } },
    { name: 'k8s', match: { caller: ['k8s.io'] }, backend: 'gvisor', hardening: { capabilities: { allow: ['CAP_CHOWN'] } } },
  ],
};

/** What `hardrun policy show` prints, loaded again as a policy file. */
async function reloaded(policy: Policy): Promise<{ text: string; policy: Policy }> {
  const text = await policyYaml(policy);
  const verdict = await checkPolicyText(text, 'shown.yaml');
  if (verdict.document === undefined) throw new Error(`policy show printed an invalid policy: ${JSON.stringify(verdict.problems)}`);
  return { text, policy: normalizePolicy(verdict.document, policy.source) };
}

for (const [title, policy] of [['the built-in policy', builtinPolicy], ['a policy with list edits, rules and backends', normalizePolicy(edited, '/etc/hardrun/policy.yaml')]] as const) {
  test(`policy show prints ${title} as a valid policy file that loads to the same policy`, async t => {
    const { text, policy: again } = await reloaded(policy);
    t.deepEqual(again, policy);
    t.notRegex(text, /userControlled|source:/, 'no internal fields');
    t.regex(text, /^# The policy in force/);
    const { policy: thrice } = await reloaded(again);
    t.deepEqual(thrice, policy, 'showing what show printed changes nothing');
  });
}

test('the shown policy decides as the original for each rule', async t => {
  const policy = normalizePolicy(edited, 'test');
  const { policy: again } = await reloaded(policy);
  const subjects: Subject[] = [
    { id: 'c1', spec: minimalSpec, caller: 'moby', host: fakeHost(), origin: testOrigin, defaultDevices: [], image: namedImage('nginx:1.27', 'test') },
    { id: 'c2', spec: { ...minimalSpec, process: { ...minimalSpec.process, env: ['DEBUG=1'] } }, caller: 'moby', host: fakeHost(), origin: testOrigin, defaultDevices: [] },
    { id: 'c3', spec: minimalSpec, caller: 'k8s.io', host: fakeHost(), origin: testOrigin, defaultDevices: [] },
    { id: 'c4', spec: minimalSpec, caller: 'moby', host: fakeHost(), origin: testOrigin, defaultDevices: [] },
  ];
  t.deepEqual(subjects.map(subject => decide(policy, subject).rule), ['nginx', 'debug-to-gvisor (raising default)', 'k8s', 'default']);
  for (const subject of subjects) t.deepEqual(decide(again, subject), decide(policy, subject), subject.id);
});

test('the shown top level holds every list as it applies, the rules their edits as written', t => {
  const document = documentOf(normalizePolicy(edited, 'test'));
  t.deepEqual(document.hardening?.rootfs?.writablePaths, ['/tmp', '/run', '/var/tmp', '/srv/cache']);
  t.deepEqual(document.rules?.[0]?.hardening?.rootfs?.writablePaths, { add: ['/var/cache/nginx'] });
  t.deepEqual(Object.keys(document.backends ?? {}).sort(), ['crun', 'gvisor', 'kata', 'runc', 'runsc']);
  t.deepEqual((parse(JSON.stringify(document)) as PolicyDocument).audit, { file: '/var/log/hardrun.jsonl' });
});
