import test from 'ava';
import { builtinChecks, builtinHardening } from '../../src/policy/builtin.js';
import { decide } from '../../src/policy/decide.js';
import type { PolicyDocument } from '../../src/policy/generated/policy-document.js';
import { checkPolicyText, formatProblem } from '../../src/policy/check.js';
import type { Subject } from '../../src/policy/match.js';
import { editList, mergeSettings } from '../../src/policy/merge.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec, testOrigin } from '../helpers/specs.js';

const subject = (caller: string): Subject => ({ id: 'c1', spec: minimalSpec, caller, host: fakeHost(), origin: testOrigin, defaultDevices: [] });
const problemsOf = async (text: string): Promise<string[]> => (await checkPolicyText(text, 'policy.yaml')).problems.map(formatProblem);

const cases: [string, readonly unknown[], unknown, readonly unknown[]][] = [
  ['a plain list replaces', ['/tmp', '/run'], ['/data'], ['/data']],
  ['an empty plain list empties', ['/tmp'], [], []],
  ['add appends, keeping the order', ['/tmp', '/run'], { add: ['/var/lib/nginx'] }, ['/tmp', '/run', '/var/lib/nginx']],
  ['add of an entry already there keeps one', ['/tmp', '/run'], { add: ['/run', '/x', '/x'] }, ['/tmp', '/run', '/x']],
  ['remove takes entries out', ['/tmp', '/run', '/var/tmp'], { remove: ['/run'] }, ['/tmp', '/var/tmp']],
  ['remove applies before add', ['/tmp', '/run'], { remove: ['/run'], add: ['/run'] }, ['/tmp', '/run']],
  ['an empty edit keeps the list', ['/tmp'], {}, ['/tmp']],
  ['device rules compare by value, whatever the key order', [{ type: 'c', major: 1, minor: 3 }, { type: 'c', major: 10, minor: 229 }], { remove: [{ minor: 229, major: 10, type: 'c' }] }, [{ type: 'c', major: 1, minor: 3 }]],
];

for (const [title, base, override, expected] of cases) {
  test(`list settings: ${title}`, t => {
    const before = structuredClone(base);
    t.deepEqual(mergeSettings(base, override), expected);
    t.deepEqual(base, before, 'the base list is left untouched');
  });
}

test('editList is idempotent: editing twice equals once', t => {
  const edit = { add: ['/a', '/b'], remove: ['/tmp'] };
  const once = editList(['/tmp', '/run'], edit);
  t.deepEqual(editList(once, edit), once);
});

test('a top-level edit applies to the built-in list, and other lists keep their defaults', t => {
  const policy = normalizePolicy({ hardening: { rootfs: { writablePaths: { add: ['/var/lib/nginx'] } }, systemPaths: { masked: { remove: ['/proc/scsi'] } } } }, 'test');
  t.deepEqual(policy.hardening.rootfs.writablePaths, [...builtinHardening.rootfs.writablePaths, '/var/lib/nginx']);
  t.deepEqual(policy.hardening.systemPaths.masked, builtinHardening.systemPaths.masked.filter(path => path !== '/proc/scsi'));
  t.deepEqual(policy.hardening.systemPaths.readonly, builtinHardening.systemPaths.readonly);
  t.deepEqual(policy.checks, builtinChecks);
});

test('a rule\'s edit applies to the top-level list, which itself edited the built-in one', t => {
  const document: PolicyDocument = {
    hardening: { rootfs: { writablePaths: { add: ['/srv/cache'] } }, capabilities: { allow: { remove: ['CAP_KILL'] } } },
    checks: { sysctls: { allow: { add: ['kernel.domainname'] } } },
    rules: [{
      name: 'nginx',
      match: { caller: ['moby'] },
      hardening: { rootfs: { writablePaths: { add: ['/var/cache/nginx'], remove: ['/var/tmp'] } }, capabilities: { allow: ['CAP_CHOWN'] } },
      checks: { sysctls: { allow: { remove: ['net.*'] } } },
    }],
  };
  const policy = normalizePolicy(document, 'test');
  const ruled = decide(policy, subject('moby'));
  t.is(ruled.rule, 'nginx');
  t.deepEqual(ruled.hardening.rootfs.writablePaths, ['/tmp', '/run', '/srv/cache', '/var/cache/nginx']);
  t.deepEqual(ruled.hardening.capabilities.allow, ['CAP_CHOWN'], 'a plain list in a rule still replaces');
  t.deepEqual(ruled.checks.sysctls.allow, [...builtinChecks.sysctls.allow.filter(name => name !== 'net.*'), 'kernel.domainname']);
  const unruled = decide(policy, subject('k8s.io'));
  t.deepEqual(unruled.hardening.rootfs.writablePaths, ['/tmp', '/run', '/var/tmp', '/srv/cache']);
  t.false(unruled.hardening.capabilities.allow.includes('CAP_KILL'));
});

test('the schema takes a list or {add, remove}, and nothing else', async t => {
  t.deepEqual(await problemsOf('hardening:\n  rootfs:\n    writablePaths: { add: [/var/lib/nginx] }\n  devices:\n    allow: { add: [{ type: c, major: 10, minor: 229 }] }\n'), []);
  t.deepEqual(await problemsOf('hardening:\n  rootfs:\n    writablePaths: { append: [/x] }\n'), ['hardening.rootfs.writablePaths.append (line 3): is not a known field']);
  t.deepEqual(await problemsOf('hardening:\n  rootfs:\n    writablePaths: /x\n'), ['hardening.rootfs.writablePaths (line 3): must be a list, or {add: [...], remove: [...]}']);
  t.deepEqual(await problemsOf('hardening:\n  userNamespace:\n    plainBindPaths: { add: [srv] }\n'), ['hardening.userNamespace.plainBindPaths.add[0] (line 3): must match ^/']);
});

test('the semantic rules read the entries an edit adds and removes', async t => {
  t.deepEqual(await problemsOf('hardening:\n  capabilities:\n    allow: { add: [CAP_NOPE] }\n'), ['hardening.capabilities.allow.add[0] (line 3): "CAP_NOPE" is not a Linux capability']);
  t.deepEqual(await problemsOf('hardening:\n  rootfs:\n    writablePaths: { add: [relative] }\n'), ['hardening.rootfs.writablePaths.add[0] (line 3): "relative" must be an absolute path']);
});

test('a remove of an entry the edited list lacks is refused, naming the list it edits', async t => {
  t.deepEqual(await problemsOf('hardening:\n  capabilities:\n    allow: { remove: [NET_BIND_SERVICE] }\n'), [
    'hardening.capabilities.allow.remove[0] (line 3): "NET_BIND_SERVICE" is not in the list it edits (the built-in one); write the entry as `hardrun policy show` prints it',
  ]);
  const rule = 'hardening:\n  rootfs:\n    writablePaths: [/tmp]\nrules:\n  - name: r\n    match: { caller: [moby] }\n    hardening:\n      rootfs:\n        writablePaths: { remove: [/run] }\n';
  t.deepEqual(await problemsOf(rule), ['rules[0].hardening.rootfs.writablePaths.remove[0] (line 9): "/run" is not in the list it edits (the top-level one); write the entry as `hardrun policy show` prints it']);
  t.deepEqual(await problemsOf('checks:\n  sensitiveMounts:\n    paths: { remove: [/var/run] }\n'), []);
});
