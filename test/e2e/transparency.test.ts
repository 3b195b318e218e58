import test from 'ava';
import { execa } from 'execa';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Spec } from '../../src/spec/types.js';
import { findExecutable } from '../helpers/dockerd.js';
import { leftoversOf } from '../helpers/leftovers.js';
import { launcherPath } from '../helpers/shipped.js';
import { watchOnlyPolicyYaml } from '../helpers/watch-policy.js';

/**
 * Under the "watch only" policy of docs/policy.md (every transform and every
 * check in audit), hardrun answers runc-style calls exactly as runc does:
 * the same exit statuses, the same output, nothing else left on disk. Each
 * call runs through runc and through hardrun, each with its own --root and
 * its own copy of the bundle.
 */
const runc = findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/sbin/runc';
const vias = ['runc', 'hardrun'] as const;
type Via = typeof vias[number];
let scratch = '';
let policy = '';

test.before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hardrun-transparency-'));
  policy = join(scratch, 'watch-only.yaml');
  await writeFile(policy, await watchOnlyPolicyYaml(join(scratch, 'audit.jsonl')));
});
test.after.always(async () => {
  for (const via of vias) {
    for (const id of ['main', 'broken']) await execa(binaryOf(via), ['--root', rootOf(via), 'delete', '--force', id], { reject: false, env: envOf() });
  }
  await rm(scratch, { recursive: true, force: true });
});

const binaryOf = (via: Via): string => (via === 'runc' ? runc : launcherPath);
const rootOf = (via: Via): string => join(scratch, `root-${via}`);
const envOf = (): Record<string, string> => ({ HARDRUN_POLICY: policy });

async function makeBundle(name: string, edit: (spec: Spec) => void): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(join(dir, 'rootfs', 'bin'), { recursive: true });
  await copyFile(findExecutable('busybox', ['/bin']) ?? '/bin/busybox', join(dir, 'rootfs', 'bin', 'busybox'));
  for (const tool of ['sh', 'sleep', 'echo', 'true', 'tty', 'cat']) await symlink('busybox', join(dir, 'rootfs', 'bin', tool));
  await execa(runc, ['spec'], { cwd: dir });
  const spec = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Spec;
  spec.process!.terminal = false;
  spec.process!.args = ['/bin/sleep', '1000'];
  // Two containers of one id would otherwise share runc's default cgroup, /ID.
  spec.linux!.cgroupsPath = `/hardrun-transparency-${name}`;
  edit(spec);
  await writeFile(join(dir, 'config.json'), JSON.stringify(spec, null, '\t'));
  return dir;
}

interface Answer { readonly exitCode: number | undefined; readonly stdout: string; readonly stderr: string }

/** The host's pids and the test's paths differ between the two; everything else must not. */
const normalize = (text: string): string => text
  .replace(/[\r\0]/g, '') // a pty's line ends and padding vary with timing
  .replace(/time="[^"]*" /g, '')
  .replaceAll(scratch, 'SCRATCH')
  .replace(/root-(runc|hardrun)/g, 'root-VIA')
  .replace(/bundle-(runc|hardrun)/g, 'bundle-VIA')
  .replace(/\d+/g, 'N');

const quote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;

async function call(via: Via, args: readonly string[], options: { shell?: boolean; tty?: boolean } = {}): Promise<Answer> {
  const argv = ['--root', rootOf(via), ...args];
  const result = options.tty === true
    // A terminal on stdin, as a person at `runc exec -t` has.
    ? await execa('script', ['-qec', [binaryOf(via), ...argv].map(quote).join(' '), '/dev/null'], { reject: false, env: envOf() })
    : options.shell === true
    // bash's process substitution, as runc's own tty tests pass a process file.
    ? await execa('bash', ['-c', 'id=$1; shift; exec "$@" --process <(cat "$PROCESS") "$id"', 'bash', argv.at(-1)!, binaryOf(via), ...argv.slice(0, -1)], { reject: false, env: { ...envOf(), PROCESS: join(scratch, 'process.json') }, stdin: 'ignore' })
    : await execa(binaryOf(via), argv, { reject: false, env: envOf(), stdin: 'ignore' });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

/** Runs one call both ways and holds hardrun's answer to runc's. */
async function same(t: import('ava').ExecutionContext, args: (via: Via) => readonly string[], options: { shell?: boolean; tty?: boolean; exact?: boolean; words?: boolean } = {}): Promise<Answer> {
  const [viaRunc, viaHardrun] = [await call('runc', args('runc'), options), await call('hardrun', args('hardrun'), options)];
  const label = args('hardrun').join(' ');
  t.is(viaHardrun.exitCode, viaRunc.exitCode, `${label}: exit status (${viaHardrun.stderr})`);
  const shape = options.exact === true ? (text: string): string => text : normalize;
  t.is(shape(viaHardrun.stdout), shape(viaRunc.stdout), `${label}: stdout`);
  if (options.words !== false) t.is(normalize(viaHardrun.stderr), normalize(viaRunc.stderr), `${label}: stderr`);
  return viaRunc;
}

test('a container\'s life, call by call, as runc answers it', async t => {
  const bundles: Record<Via, string> = { runc: '', hardrun: '' };
  for (const via of vias) bundles[via] = await makeBundle(`bundle-${via}`, () => undefined);
  await writeFile(join(scratch, 'process.json'), JSON.stringify({ ...(JSON.parse(await readFile(join(bundles.runc, 'config.json'), 'utf8')) as Spec).process, args: ['/bin/echo', 'from a process file'] }));

  for (const command of ['exec', 'create', 'run', 'restore', 'kill', 'delete']) {
    const help = await same(t, () => [command, '-h'], { exact: true });
    t.is(help.exitCode, 0, `${command} -h`);
  }
  for (const via of vias) {
    // The container keeps runc's stdio: a pipe here would stay open until it exits.
    const created = await execa(binaryOf(via), ['--root', rootOf(via), 'create', '--bundle', bundles[via], '--pid-file', join(bundles[via], 'init.pid'), 'main'], { reject: false, stdio: 'ignore', env: envOf() });
    t.is(created.exitCode, 0, `${via} create`);
  }
  await same(t, () => ['start', 'main']);
  t.is((await same(t, () => ['exec', 'main', '/bin/echo', 'hello'], { exact: true })).stdout, 'hello');
  await same(t, () => ['state', 'main']);
  t.is((await same(t, () => ['exec', 'main', '/bin/sh', '-c', 'exit 3'])).exitCode, 3);
  await same(t, () => ['state', 'main']);
  t.is((await same(t, () => ['exec', '--cap', 'CAP_NET_RAW', 'main', '/bin/true'])).exitCode, 0);
  await same(t, () => ['state', 'main']);
  t.is((await same(t, () => ['exec', '--process', join(scratch, 'process.json'), 'main'], { exact: true })).stdout, 'from a process file');
  await same(t, () => ['state', 'main']);
  t.is((await same(t, () => ['exec', 'main'], { shell: true, exact: true })).stdout, 'from a process file');
  await same(t, () => ['state', 'main']);
  const tty = await same(t, () => ['exec', '-t', 'main', '/bin/tty'], { tty: true });
  t.is(tty.exitCode, 0);
  t.regex(tty.stdout, /\/dev\/pts\/\d+/);
  t.is((await same(t, () => ['exec', 'nosuch', '/bin/true'])).exitCode, 255);
  await same(t, () => ['state', 'main']);
  t.is((await same(t, () => ['exec'])).exitCode, 1);
  await same(t, () => ['state', 'main']);
  await same(t, () => ['ps', 'main']);
  await same(t, () => ['ps', '--format', 'json', 'main']);
  await same(t, () => ['pause', 'main']);
  await same(t, () => ['state', 'main']);
  await same(t, () => ['resume', 'main']);
  await same(t, () => ['update', '--pids-limit', '100', 'main']);
  await same(t, () => ['kill', 'main', '9']);
  await sleep(300);
  await same(t, () => ['state', 'main']);
  await same(t, () => ['delete', 'main']);
  await same(t, () => ['delete', 'main']);

  for (const via of vias) t.deepEqual(await readdir(rootOf(via)), [], `${via} left state behind`);
  t.deepEqual(await leftoversOf(rootOf('hardrun')), { records: [], staging: [], mounts: [], claims: [] });
  const audit = (await readFile(join(scratch, 'audit.jsonl'), 'utf8')).trim().split('\n')
    .map(line => JSON.parse(line) as { event: string; id: string; allowed: boolean; refusals: unknown[]; changes: { action: string }[] })
    .filter(record => record.id === 'main');
  t.deepEqual(audit.map(record => record.event), ['create', 'exec', 'exec'], 'the create and both process-file execs were watched');
  t.true(audit.every(record => record.allowed && record.refusals.length === 0));
  t.true(audit[0]!.changes.length > 0, 'what the built-in policy would change is written down');
  t.true(audit.every(record => record.changes.every(change => change.action === 'audited')));
});

test('a failing create fails as runc\'s does and leaves nothing', async t => {
  const bundles: Record<Via, string> = { runc: '', hardrun: '' };
  for (const via of vias) bundles[via] = await makeBundle(`broken-${via}`, spec => { spec.root!.path = 'no-such-rootfs'; });
  // hardrun checks the root filesystem before runc does, in words of its own.
  const answer = await same(t, via => ['create', '--bundle', bundles[via], 'broken'], { words: false });
  t.is(answer.exitCode, 1);
  for (const via of vias) t.false((await readdir(rootOf(via)).catch(() => [] as string[])).includes('broken'), `${via} left state behind`);
  t.false((await leftoversOf(rootOf('hardrun'))).records.includes('broken'));
  t.deepEqual((await leftoversOf(rootOf('hardrun'))).staging.filter(dir => dir.endsWith('-broken')), []);
});

// A watched create hands config.json over before checking its shape: what
// runc cannot read, runc refuses in its own words, as without hardrun.
test('a config.json runc cannot read is refused in runc\'s words and leaves nothing', async t => {
  const bundles: Record<Via, string> = { runc: '', hardrun: '' };
  for (const via of vias) bundles[via] = await makeBundle(`misshapen-${via}`, spec => { (spec.process as unknown as { args: unknown }).args = '/bin/true'; });
  const answer = await same(t, via => ['create', '--bundle', bundles[via], 'misshapen']);
  t.is(answer.exitCode, 1);
  t.regex(answer.stderr, /unmarshal/);
  for (const via of vias) t.false((await readdir(rootOf(via)).catch(() => [] as string[])).includes('misshapen'), `${via} left state behind`);
  t.deepEqual((await leftoversOf(rootOf('hardrun'))).records, []);
});

// The bundle may be the container's root (as in the OCI validation suite):
// what hardrun keeps lives outside it.
test('the bundle is left as runc leaves it', async t => {
  const bundles: Record<Via, string> = { runc: '', hardrun: '' };
  for (const via of vias) {
    bundles[via] = await makeBundle(`kept-${via}`, spec => { spec.process!.args = ['/bin/true']; });
    await execa(binaryOf(via), ['--root', rootOf(via), 'run', '--bundle', bundles[via], 'kept'], { reject: false, stdio: 'ignore', env: envOf() });
  }
  t.deepEqual((await readdir(bundles.hardrun)).sort(), (await readdir(bundles.runc)).sort());
  // Each bundle names its own cgroup (makeBundle): that much differs by design.
  const config = async (via: Via): Promise<unknown> => JSON.parse((await readFile(join(bundles[via], 'config.json'), 'utf8')).replaceAll(`kept-${via}`, 'kept-VIA'));
  t.deepEqual(await config('hardrun'), await config('runc'));
});

test('under the built-in policy too, a foreground run gives the bundle its config.json back', async t => {
  const builtin = join(scratch, 'builtin.json');
  await writeFile(builtin, '{}');
  const bundle = await makeBundle('builtin-run', spec => { spec.process!.args = ['/bin/true']; });
  const before = await readFile(join(bundle, 'config.json'), 'utf8');
  const ran = await execa(launcherPath, ['--root', rootOf('hardrun'), 'run', '--bundle', bundle, 'builtin-run'], { reject: false, stdio: 'ignore', env: { HARDRUN_POLICY: builtin } });
  t.is(ran.exitCode, 0);
  t.deepEqual((await readdir(bundle)).sort(), ['config.json', 'rootfs']);
  t.deepEqual(JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')), JSON.parse(before));
  t.deepEqual(await leftoversOf(rootOf('hardrun')), { records: [], staging: [], mounts: [], claims: [] });
});

// What hardrun answers itself in runc's place (usage errors, an id runc
// refuses, a live id created again) it answers in runc's words: stdout
// (runc prints its usage there), stderr, and the line in the --log file.
test('usage errors and refused ids, answered in runc\'s words with and without --log', async t => {
  const bundles: Record<Via, string> = { runc: '', hardrun: '' };
  for (const via of vias) bundles[via] = await makeBundle(`words-${via}`, () => undefined);
  for (const via of vias) {
    t.teardown(() => execa(binaryOf(via), ['--root', rootOf(via), 'delete', '--force', 'words'], { reject: false, env: envOf() }).then(() => undefined));
    const created = await execa(binaryOf(via), ['--root', rootOf(via), 'create', '--bundle', bundles[via], 'words'], { reject: false, stdio: 'ignore', env: envOf() });
    t.is(created.exitCode, 0, `${via} create`);
  }
  const forms: ((via: Via) => string[])[] = [
    () => ['create'],
    via => ['create', '--bundle', bundles[via]],
    () => ['run'],
    () => ['restore'],
    via => ['create', '--bundle', bundles[via], 'one', 'two'],
    via => ['create', '--bundle', bundles[via], ''],
    via => ['create', '--bundle', bundles[via], 'a,b/c'],
    via => ['run', '--bundle', bundles[via], '..'],
    via => ['create', '--bundle', bundles[via], 'words'],
    via => ['run', '--bundle', bundles[via], 'words'],
  ];
  for (const form of forms) {
    const plain = await same(t, form);
    t.is(plain.exitCode, 1, form('runc').join(' '));
    // With --log (as containerd's shim calls): the bare message on stderr, the line in the log.
    const logged: Record<Via, string> = { runc: '', hardrun: '' };
    for (const via of vias) {
      const log = join(scratch, `words-${via}.log`);
      await rm(log, { force: true });
      const answer = await call(via, ['--log', log, '--log-format', 'json', ...form(via)]);
      t.is(answer.exitCode, 1);
      logged[via] = `${normalize(answer.stderr)}|${normalize((await readFile(log, 'utf8').catch(() => '')).replace(/"time":"[^"]*"/g, ''))}`;
    }
    t.is(logged.hardrun, logged.runc, `${form('hardrun').join(' ')} with --log`);
  }
  t.is((await call('hardrun', ['state', 'words'])).exitCode, 0, 'the live container is untouched');
  // A watched container keeps no record, and a create or run of its id again wrote none.
  t.deepEqual(await leftoversOf(rootOf('hardrun')), { records: [], staging: [], mounts: [], claims: [] });
});

// A watched container keeps no record: its calls reach the default backend
// by the root's @default. When the policy's default changes, the first
// create under the new one gives each such container a record naming its own.
test('a watched container\'s calls still reach its backend after the policy\'s default backend changes', async t => {
  const root = join(scratch, 'root-default-change');
  const wrapperLog = join(scratch, 'wrapper.log');
  const wrapper = join(scratch, 'logged-runc');
  await writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${wrapperLog}'\nexec '${runc}' "$@"\n`, { mode: 0o755 });
  const moved = join(scratch, 'watch-moved.yaml');
  await writeFile(moved, `${await watchOnlyPolicyYaml(join(scratch, 'audit-moved.jsonl'))}defaultBackend: logged\nbackends:\n  logged: { path: ${wrapper}, kind: runc }\n`);
  const as = (policyFile: string, args: readonly string[]) => execa(launcherPath, ['--root', root, ...args], { reject: false, stdio: 'ignore', env: { HARDRUN_POLICY: policyFile } });
  const old = await makeBundle('default-old', () => undefined);
  const fresh = await makeBundle('default-new', () => undefined);
  t.teardown(async () => {
    for (const id of ['old', 'new']) await execa(runc, ['--root', root, 'delete', '--force', id], { reject: false });
  });
  t.is((await as(policy, ['create', '--bundle', old, 'old'])).exitCode, 0);
  t.deepEqual((await leftoversOf(root)).records, [], 'watched: no record');
  t.is((await as(moved, ['create', '--bundle', fresh, 'new'])).exitCode, 0);
  t.deepEqual((await leftoversOf(root)).records, ['old'], 'the container made under the old default got its record');
  for (const args of [['start', 'old'], ['state', 'old'], ['kill', 'old', '9']]) t.is((await as(moved, args)).exitCode, 0, args.join(' '));
  await sleep(300);
  t.is((await as(moved, ['delete', 'old'])).exitCode, 0);
  t.is((await as(moved, ['delete', '--force', 'new'])).exitCode, 0);
  const logged = await readFile(wrapperLog, 'utf8');
  t.false(/\bold\b/.test(logged), `the old container's calls went to runc itself, not the new default: ${logged}`);
  t.regex(logged, /create .*new/);
  t.deepEqual(await readdir(root), []);
  t.deepEqual(await leftoversOf(root), { records: [], staging: [], mounts: [], claims: [] });
});
