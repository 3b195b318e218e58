import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installHostPolicy, removeHostPolicy, watchPolicyText } from '../../src/human/setup/host-policy.js';
import { policyFromText } from '../../src/policy/check.js';

function scratch(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-host-policy-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the watch-only policy audits every transform and every check, and learns only when asked', async t => {
  const watch = await policyFromText(watchPolicyText(false, '/tmp/a.jsonl'), 'watch');
  t.deepEqual(Object.values(watch.hardening).map(unit => unit.mode), Object.values(watch.hardening).map(() => 'audit'));
  t.deepEqual(Object.values(watch.checks).map(unit => unit.mode), Object.values(watch.checks).map(() => 'audit'));
  t.false(watch.hardening.rootfs.learn);
  t.is(watch.audit.file, '/tmp/a.jsonl');
  t.true((await policyFromText(watchPolicyText(true), 'learn')).hardening.rootfs.learn);
});

test('install keeps the policy that was there, and remove puts it back byte for byte', async t => {
  const dir = scratch(t);
  const target = join(dir, 'policy.yaml');
  const before = '# the operator\'s own\nversion: 1\n';
  writeFileSync(target, before);
  const said: string[] = [];
  await installHostPolicy(watchPolicyText(false), 'the watch-only policy', line => said.push(line), target);
  t.is(readFileSync(target, 'utf8'), watchPolicyText(false));
  await installHostPolicy(watchPolicyText(false), 'the watch-only policy', line => said.push(line), target);
  t.regex(said.at(-1) ?? '', /nothing changed/);
  // Moving on to enforcement with another policy keeps the first backup: remove goes back to before setup.
  await installHostPolicy('version: 1\n', 'the reported policy', line => said.push(line), target);
  removeHostPolicy(line => said.push(line), target);
  t.is(readFileSync(target, 'utf8'), before);
  t.deepEqual([existsSync(`${target}.hardrun-backup`), existsSync(`${target}.hardrun-setup`)], [false, false]);
});

test('remove takes away a policy setup made where there was none, but keeps one edited since', async t => {
  const dir = scratch(t);
  const target = join(dir, 'policy.yaml');
  const noop = (): void => undefined;
  await installHostPolicy(watchPolicyText(false), 'watch', noop, target);
  removeHostPolicy(noop, target);
  t.false(existsSync(target));
  await installHostPolicy(watchPolicyText(false), 'watch', noop, target);
  writeFileSync(target, `${watchPolicyText(false)}# edited\n`);
  const said: string[] = [];
  removeHostPolicy(line => said.push(line), target);
  t.true(readFileSync(target, 'utf8').endsWith('# edited\n'));
  t.regex(said.join('\n'), /changed since setup installed it, so it stays/);
});

test('a policy that does not pass is refused, and nothing is written', async t => {
  const dir = scratch(t);
  const target = join(dir, 'policy.yaml');
  await t.throwsAsync(installHostPolicy('version: 1\nchecks: { nope: {} }\n', 'bad.yaml', () => undefined, target), { message: /nope.*nothing was changed/s });
  t.false(existsSync(target));
});

test('the watch-only policy docs/policy.md shows is the one setup --watch installs', async t => {
  const { watchOnlyPolicyYaml } = await import('../helpers/watch-policy.js');
  const documented = await policyFromText(await watchOnlyPolicyYaml('/var/log/hardrun/audit.jsonl'), 'docs');
  const installed = await policyFromText(watchPolicyText(false), 'setup');
  t.deepEqual({ ...documented, source: '' }, { ...installed, source: '' });
});
