import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinPolicy } from '../../src/policy/builtin.js';
import { checkPolicyText, formatProblem } from '../../src/policy/check.js';
import { loadPolicy } from '../../src/policy/load.js';

const problemsOf = async (text: string, path = 'policy.yaml'): Promise<string[]> => (await checkPolicyText(text, path)).problems.map(formatProblem);

test('no file anywhere means the built-in policy', async t => {
  t.is(await loadPolicy(undefined, { HARDRUN_POLICY: '/nonexistent/for/sure.yaml' }).catch((error: unknown) => (error as Error).message).then(value => typeof value), 'string');
  const policy = await loadPolicy(undefined, {});
  t.is(policy.source === builtinPolicy.source || policy.source === '/etc/hardrun/policy.yaml', true);
});

test('a named file that is missing is an error, never the built-in policy', async t => {
  await t.throwsAsync(loadPolicy('/nonexistent/policy.yaml', {}), { message: /cannot read policy \/nonexistent\/policy.yaml/ });
});

test('YAML and JSON are both accepted and give the same policy', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-policy-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'p.yaml'), 'version: 1\ndefaultBackend: gvisor\nbackends:\n  gvisor:\n    path: /usr/bin/runsc\n    kind: runsc\n    args: ["--network=none"]\n');
  await writeFile(join(dir, 'p.json'), JSON.stringify({ version: 1, defaultBackend: 'gvisor', backends: { gvisor: { path: '/usr/bin/runsc', kind: 'runsc', args: ['--network=none'] } } }));
  const fromYaml = await loadPolicy(join(dir, 'p.yaml'), {});
  const fromJson = await loadPolicy(join(dir, 'p.json'), {});
  t.deepEqual({ ...fromYaml, source: '' }, { ...fromJson, source: '' });
  t.deepEqual(fromYaml.backends['gvisor'], { name: 'gvisor', kind: 'runsc', path: '/usr/bin/runsc', args: ['--network=none'] });
});

test('a wrong type is reported with its path and line', async t => {
  t.deepEqual(await problemsOf('version: 1\nbackends:\n  gvisor:\n    path: 42\n'), ['backends.gvisor.path (line 4): must be string']);
});

test('an unknown field is reported where it stands', async t => {
  t.deepEqual(await problemsOf('version: 1\nhardening:\n  capabilites:\n    allow: []\n'), ['hardening.capabilites (line 3): is not a known field']);
});

test('an unknown backend is reported by the semantic rules, with its line', async t => {
  t.deepEqual(await problemsOf('rules:\n  - name: r\n    match: { caller: [moby] }\n    backend: nope\n'), [
    'rules[0].backend (line 4): names no backend: "nope" (known: runc, crun, runsc, kata)',
  ]);
});

test('bad YAML is reported with its line', async t => {
  const problems = await problemsOf('version: 1\nbackends: [unclosed\n');
  t.is(problems.length, 1);
  t.regex(problems[0]!, /^\(file\) \(line \d+\): is not valid YAML/);
});

test('bad JSON is reported as JSON', async t => {
  const problems = await problemsOf('{"version": 1,', 'p.json');
  t.regex(problems[0]!, /is not valid JSON/);
});

test('every problem is reported, not just the first', async t => {
  const problems = await problemsOf('defaultBackend: nope\nsandboxBackend: runc\n');
  t.is(problems.length, 2);
  t.regex(problems.join('\n'), /defaultBackend \(line 1\): names no backend/);
  t.regex(problems.join('\n'), /sandboxBackend \(line 2\): "runc" shares the host kernel/);
});

test('a check in sandbox mode needs a sandbox backend', async t => {
  t.deepEqual(await problemsOf('checks:\n  devices:\n    mode: sandbox\n'), ['checks.devices.mode (line 3): is "sandbox" but the policy names no sandboxBackend']);
});

test('unknown capability names and relative paths are refused', async t => {
  const problems = await problemsOf('hardening:\n  capabilities:\n    allow: [CHOWN, CAP_TELEPORT]\n  rootfs:\n    writablePaths: [tmp]\n');
  t.deepEqual(problems, [
    'hardening.capabilities.allow[1] (line 3): "CAP_TELEPORT" is not a Linux capability',
    'hardening.rootfs.writablePaths[0] (line 5): "tmp" must be an absolute path',
  ]);
});

test('an invalid policy refuses with its reason instead of falling back', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-policy-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'bad.yaml'), 'defaultBackend: 3\n');
  await t.throwsAsync(loadPolicy(undefined, { HARDRUN_POLICY: join(dir, 'bad.yaml') }), {
    message: `policy ${join(dir, 'bad.yaml')} is invalid: defaultBackend (line 1): must be string`,
  });
});

test('overrides merge into the built-in settings, lists replace', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-policy-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'p.yaml'), 'hardening:\n  rootfs:\n    writablePaths: [/scratch]\n');
  const policy = await loadPolicy(join(dir, 'p.yaml'), {});
  t.deepEqual(policy.hardening.rootfs.writablePaths, ['/scratch']);
  t.is(policy.hardening.rootfs.tmpfsSize, builtinPolicy.hardening.rootfs.tmpfsSize);
  t.deepEqual(policy.checks, builtinPolicy.checks);
});
