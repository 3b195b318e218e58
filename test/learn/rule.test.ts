import test from 'ava';
import { mergeNeeds, needsOf, ruleEntry } from '../../src/learn/rule.js';

const base = { writablePaths: ['/tmp', '/run'], allow: ['CAP_CHOWN'], never: ['CAP_SYS_ADMIN', 'CAP_SYS_RESOURCE'] };

test('needs are what lies outside the base: writable paths and allowed capabilities drop out, never-granted ones are set apart', t => {
  const needs = needsOf(['/run/x', '/var/lib/a', '/var/lib/a/b', '/'], ['CAP_CHOWN', 'CAP_SYS_CHROOT', 'CAP_SYS_RESOURCE'], base);
  t.deepEqual(needs, { writablePaths: ['/var/lib/a'], capabilities: ['CAP_SYS_CHROOT'], topOfRoot: true, neverGranted: ['CAP_SYS_RESOURCE'] });
});

test('merged needs are the smallest that cover each: a path below another goes', t => {
  const merged = mergeNeeds([needsOf(['/srv/a/b'], [], base), needsOf(['/srv/a', '/opt'], ['CAP_SYS_CHROOT'], base)]);
  t.deepEqual(merged, { writablePaths: ['/opt', '/srv/a'], capabilities: ['CAP_SYS_CHROOT'], topOfRoot: false, neverGranted: [] });
});

test('a rule entry adds to the policy\'s lists, and a hostile path stays one quoted YAML string', t => {
  const lines = ruleEntry('web', 'docker.io/library/web:1', { writablePaths: ['/srv/a]\n  - evil: 1'], capabilities: ['CAP_SYS_CHROOT'], topOfRoot: false, neverGranted: [] });
  t.deepEqual(lines, [
    '  - name: web',
    '    match: { image: [docker.io/library/web:1] }',
    '    hardening:',
    '      rootfs: { writablePaths: { add: ["/srv/a]\\n  - evil: 1"] } }',
    '      capabilities: { allow: { add: [CAP_SYS_CHROOT] } }',
  ]);
});
