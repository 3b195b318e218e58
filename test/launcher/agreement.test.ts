import test from 'ava';
import { existsSync, lstatSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { stagingBase, stagingDirFor } from '../../src/bundle/staging.js';
import { claimsDir } from '../../src/state/id-slots.js';
import { recordPath, writeDefaultRecord, writeRecord } from '../../src/state/record.js';
import { makeScratch, recorderPath } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';
import { makeWatchedLauncher } from '../helpers/watched-launcher.js';

/**
 * The launcher and the engine must hand every call to the same backend with
 * the same argv: run each form through both and compare what the recording
 * backend received. The launcher run uses a copy of bin/hardrun beside an
 * engine stand-in that writes down each call it gets, so that the test also
 * holds which calls the launcher answers itself: a launcher that sent every
 * call to the engine would behave the same, only slower.
 */
const id = 'ctr-1';
interface Form {
  readonly argv: readonly string[];
  /** The launcher execs the backend itself, without the engine. */
  readonly fast: boolean;
}
const forms: readonly Form[] = [
  { argv: ['start', id], fast: true },
  { argv: ['state', id], fast: true },
  { argv: ['kill', id, '9'], fast: true },
  { argv: ['kill', '--all', id, '9'], fast: true },
  { argv: ['kill', '-a', id, 'KILL'], fast: true },
  { argv: ['kill', id], fast: true },
  { argv: ['delete', id], fast: true },
  { argv: ['delete', '--force', id], fast: true },
  { argv: ['delete', '-f', id], fast: true },
  { argv: ['ps', '--format', 'json', id], fast: true },
  { argv: ['ps', '--format=json', id], fast: true },
  { argv: ['ps', '-f', 'json', id], fast: true },
  { argv: ['ps', '--format', 'table', id, '-ef'], fast: false },
  { argv: ['ps', '--format', 'table', id, ''], fast: false },
  { argv: ['pause', id], fast: true },
  { argv: ['resume', id], fast: true },
  { argv: ['update', '--resources=-', id], fast: false },
  { argv: ['update', '--memory', '64m', id], fast: false },
  { argv: ['events', '--stats', id], fast: false },
  { argv: ['events', '--interval=5s', id], fast: false },
  { argv: ['checkpoint', '--image-path', '/tmp/img', '--leave-running', id], fast: false },
  { argv: ['list'], fast: false },
  { argv: ['list', '--format=json'], fast: false },
  { argv: ['features'], fast: false },
  { argv: ['--version'], fast: false },
  { argv: ['spec', '--bundle', '/tmp/nowhere'], fast: false },
];
const globalForms = (root: string, log: string): string[][] => [
  ['--root', root, '--log', log, '--log-format', 'json'],
  [`--root=${root}`, `--log=${log}`, '--log-format=json', '--systemd-cgroup'],
  ['-root', root, '-log', log, '-log-format', 'json', '--debug'],
];

test('launcher and engine agree on every command and flag form, and the launcher answers the fast ones itself', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const launcher = await makeWatchedLauncher(scratch.dir);
  const root = join(scratch.dir, 'root');
  const log = join(scratch.dir, 'log.json');
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy };
  let compared = 0;
  for (const globals of globalForms(root, log)) {
    for (const { argv: form, fast } of forms) {
      const argv = [...globals, ...form];
      const seen: string[][][] = [];
      for (const via of ['launcher', 'engine'] as const) {
        writeRecord(root, id, { kind: 'runc', name: 'rec', path: recorderPath, args: ['--rec-global=1'] });
        await scratch.clear();
        await launcher.clear();
        const outcome = await runHardrun(argv, { via, env, launcher: launcher.path });
        t.is(outcome.exitCode, 0, `${via}: ${argv.join(' ')}: ${outcome.stderr}`);
        // --version is the one call where hardrun speaks first: its own two lines, then the backend's.
        if (form[0] === '--version') t.regex(outcome.stdout + outcome.stderr, /^hardrun version \S+\ncommit: \S+\n\n$/, via);
        else t.is(outcome.stdout + outcome.stderr, '', `${via} printed something of its own`);
        seen.push(await scratch.calls());
        if (form[0] === 'delete') t.false(existsSync(join(`${root}.hardrun`, id)), `${via} left the record after delete`);
        if (via === 'launcher') {
          t.deepEqual(await launcher.engineCalls(), fast ? [] : [argv], `${argv.join(' ')}: the launcher ${fast ? 'ran the engine' : 'answered a call that needs the engine'}`);
        }
      }
      t.deepEqual(seen[0], seen[1], argv.join(' '));
      t.is(seen[0]?.length, 1, argv.join(' '));
      compared += 1;
    }
  }
  t.is(compared, forms.length * 3);
});

test('a runsc record: the launcher reaches runsc with its flags first, the engine translates what runsc spells differently', async t => {
  const scratch = await makeScratch('runsc');
  t.teardown(() => scratch.remove());
  const launcher = await makeWatchedLauncher(scratch.dir);
  const root = join(scratch.dir, 'root');
  const runscFlags = ['--network=none', '--platform=systrap'];
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy };
  // What runsc must receive after its own flags, and whether the launcher may send it there itself.
  const cases: readonly (Form & { readonly received: readonly string[] })[] = [
    ...forms.filter(form => form.fast).map(form => ({ ...form, received: form.argv })),
    { argv: ['--systemd-cgroup', 'state', id], fast: true, received: ['--systemd-cgroup', 'state', id] },
    { argv: ['ps', '--format', 'table', id, '-ef'], fast: false, received: ['ps', '--format', 'table', id] },
    { argv: ['events', '--interval=5s', id], fast: false, received: ['events', '--interval=5', id] },
    { argv: ['--criu', '/usr/sbin/criu', 'state', id], fast: false, received: ['state', id] },
    { argv: ['--rootless', 'auto', 'state', id], fast: false, received: ['--rootless=false', 'state', id] },
  ];
  for (const { argv: form, fast, received } of cases) {
    const argv = ['--root', root, ...form];
    const seen: string[][][] = [];
    for (const via of ['launcher', 'engine'] as const) {
      writeRecord(root, id, { kind: 'runsc', name: 'gvisor', path: recorderPath, args: runscFlags });
      await scratch.clear();
      await launcher.clear();
      const outcome = await runHardrun(argv, { via, env, launcher: launcher.path });
      t.is(outcome.exitCode, 0, `${via}: ${argv.join(' ')}: ${outcome.stderr}`);
      t.is(outcome.stdout + outcome.stderr, '', `${via} printed something of its own`);
      seen.push(await scratch.calls());
      if (via === 'launcher') t.is((await launcher.engineCalls()).length, fast ? 0 : 1, `${argv.join(' ')}: ${fast ? 'the launcher ran the engine' : 'the launcher answered a call runsc needs translated'}`);
    }
    t.deepEqual(seen[0], seen[1], argv.join(' '));
    t.deepEqual(seen[0], [[...runscFlags, '--root', root, ...received]], argv.join(' '));
  }
});

test('calls for a container reach the recorded backend with its arguments first', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  writeRecord(root, id, { kind: 'runc', name: 'rec', path: recorderPath, args: ['--rec-global=1'] });
  await runHardrun(['--root', root, 'kill', id, '15'], { env: { RECORDER_LOG: scratch.log } });
  t.deepEqual(await scratch.calls(), [['--rec-global=1', '--root', root, 'kill', id, '15']]);
});

test("hardrun's own --policy flag never reaches the backend", async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  writeRecord(root, id, { kind: 'runc', name: 'rec', path: recorderPath, args: [] });
  const result = await runHardrun(['--policy', scratch.policy, '--root', root, 'state', id], { env: { RECORDER_LOG: scratch.log } });
  t.is(result.exitCode, 0, result.stderr);
  t.deepEqual(await scratch.calls(), [['--root', root, 'state', id]]);
});

test('--policy in either form keeps the launcher on its fast path, and never reaches the backend', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const launcher = await makeWatchedLauncher(scratch.dir);
  const root = join(scratch.dir, 'root');
  const missing = join(scratch.dir, 'no-such-policy.yaml');
  for (const policy of [['--policy', missing], [`--policy=${missing}`], ['-policy', missing]]) {
    for (const form of [['state', id], ['start', id], ['kill', id, '9'], ['pause', id], ['delete', id]]) {
      writeRecord(root, id, { kind: 'runc', name: 'rec', path: recorderPath, args: [] });
      await scratch.clear();
      await launcher.clear();
      const result = await runHardrun([...policy, '--root', root, '--log', '/dev/null', ...form], { env: { RECORDER_LOG: scratch.log }, launcher: launcher.path });
      t.is(result.exitCode, 0, `${policy.join(' ')} ${form.join(' ')}: ${result.stderr}`);
      t.deepEqual(await scratch.calls(), [['--root', root, '--log', '/dev/null', ...form]]);
      t.deepEqual(await launcher.engineCalls(), [], `${policy.join(' ')} ${form.join(' ')}: the launcher ran the engine`);
    }
  }
});

test("a failed delete keeps the record; the backend's status and words come through", async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  for (const via of ['launcher', 'engine'] as const) {
    writeRecord(root, id, { kind: 'runc', name: 'rec', path: recorderPath, args: [] });
    const result = await runHardrun(['--root', root, 'delete', id], { via, env: { RECORDER_EXIT: '3' } });
    t.is(result.exitCode, 3, via);
    t.is(result.stderr, 'recorder: failing as asked\n', via);
    t.true(existsSync(join(`${root}.hardrun`, id)), via);
  }
});

test('a delete the backend fails because it no longer knows the container removes the record, as runc removes its own', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  const env = { RECORDER_LOG: scratch.log, RECORDER_EXIT: '1', RECORDER_MESSAGE: 'container does not exist' };
  for (const via of ['launcher', 'engine'] as const) {
    writeRecord(root, id, { kind: 'runc', name: 'rec', path: recorderPath, args: ['--rec-global=1'] });
    await scratch.clear();
    const result = await runHardrun(['--root', root, 'delete', id], { via, env });
    t.is(result.exitCode, 1, via);
    t.is(result.stderr, 'container does not exist\n', `${via}: the backend's words, once`);
    t.false(existsSync(join(`${root}.hardrun`, id)), `${via} kept the record of a container the backend does not know`);
    t.deepEqual(await scratch.calls(), [['--rec-global=1', '--root', root, 'delete', id], ['--rec-global=1', '--root', root, 'state', id]], via);
  }
});

test('delete removes only the staging directory named for this root and id, whatever the record says', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  // A decoy outside /run/hardrun, reached through "..": empty entries that rm -d would take.
  const decoy = join(scratch.dir, 'decoy');
  const staging = `${stagingBase}/../..${decoy}`;
  for (const via of ['launcher', 'engine'] as const) {
    await mkdir(decoy, { recursive: true });
    await writeFile(join(decoy, 'm0'), '');
    writeRecord(root, id, { kind: 'runc', name: 'rec', path: recorderPath, args: [], staging });
    const result = await runHardrun(['--root', root, 'delete', id], { via, env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy } });
    t.is(result.exitCode, 0, `${via}: ${result.stderr}`);
    t.false(existsSync(join(`${root}.hardrun`, id)), `${via} left the record`);
    t.true(existsSync(join(decoy, 'm0')), `${via} removed a file outside the container's staging directory`);
  }
});

test('delete frees the container\'s claim of host ids with its record, and nothing not named as a claim', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  const decoy = join(scratch.dir, 'decoy-claim');
  for (const via of ['launcher', 'engine'] as const) {
    const claim = `${claimsDir}/${4_000_000_000 + (via === 'engine' ? 1 : 0)}`;
    const entry = `${claim}/${basename(stagingDirFor(root, id))}`;
    t.teardown(() => rm(claim, { recursive: true, force: true }));
    const record = { kind: 'runc' as const, name: 'rec', path: recorderPath, args: [], staging: stagingDirFor(root, id), claim };
    const remove = async () => (await runHardrun(['--root', root, 'delete', id], { via, env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy } })).exitCode;

    // Another container's claim, which a create killed before claiming named in its record: kept.
    await mkdir(claim, { recursive: true });
    await symlink('/elsewhere.hardrun/other', `${claim}/000000000000-other`);
    writeRecord(root, id, record);
    t.is(await remove(), 0);
    t.notThrows(() => lstatSync(`${claim}/000000000000-other`), `${via} freed a slot another container holds`);
    await rm(claim, { recursive: true });

    await mkdir(claim, { recursive: true });
    await symlink(recordPath(root, id), entry);
    writeRecord(root, id, record);
    t.is(await remove(), 0);
    t.false(existsSync(join(`${root}.hardrun`, id)), `${via} left the record`);
    t.throws(() => lstatSync(claim), undefined, `${via} left the claim`);

    await writeFile(decoy, '');
    writeRecord(root, id, { kind: 'runc', name: 'rec', path: recorderPath, args: [], staging: stagingDirFor(root, id), claim: `${claimsDir}/../../..${decoy}` });
    t.is((await runHardrun(['--root', root, 'delete', id], { via, env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy } })).exitCode, 0);
    t.true(existsSync(decoy), `${via} removed a file that is no claim`);
  }
});

test('for a container with no record, both reach the default backend, and the launcher does so itself', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  writeDefaultRecord(root, { kind: 'runc', name: 'rec', path: recorderPath, args: [] }, 'c0');
  for (const form of [['delete', '--force', 'gone'], ['delete', 'gone'], ['state', 'gone'], ['kill', 'gone', '9']]) {
    const seen: string[][][] = [];
    for (const via of ['launcher', 'engine'] as const) {
      await scratch.clear();
      // The engine answers from the policy; a launcher that deferred to it
      // would fail here, on a policy that does not exist.
      const policy = via === 'engine' ? { HARDRUN_POLICY: scratch.policy } : { HARDRUN_POLICY: '/nonexistent/so/the/engine/would/fail' };
      const outcome = await runHardrun(['--root', root, ...form], { via, env: { RECORDER_LOG: scratch.log, ...policy } });
      t.is(outcome.exitCode, 0, `${via} ${form.join(' ')}: ${outcome.stderr}`);
      seen.push(await scratch.calls());
    }
    t.deepEqual(seen[0], seen[1], form.join(' '));
    t.deepEqual(seen[0], [['--root', root, ...form]]);
  }
  t.true(existsSync(join(`${root}.hardrun`, '@default')), 'a delete removed the default record');
});

test('--policy reaches the engine when the launcher hands it the call late (a default record it cannot follow)', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const launcher = await makeWatchedLauncher(scratch.dir);
  const root = join(scratch.dir, 'root');
  // More arguments than a record line carries for the launcher: the record is the engine's to read.
  writeDefaultRecord(root, { kind: 'runc', name: 'rec', path: recorderPath, args: ['--a=1', '--b=2', '--c=3', '--d=4', '--e=5'] }, 'c0');
  const seen: string[][][] = [];
  for (const via of ['launcher', 'engine'] as const) {
    await scratch.clear();
    await launcher.clear();
    const outcome = await runHardrun(['--policy', scratch.policy, '--root', root, 'state', 'gone'], { via, env: { RECORDER_LOG: scratch.log }, launcher: launcher.path });
    t.is(outcome.exitCode, 0, `${via}: ${outcome.stderr}`);
    seen.push(await scratch.calls());
    if (via === 'launcher') t.deepEqual(await launcher.engineCalls(), [['--policy', scratch.policy, '--root', root, 'state', 'gone']]);
  }
  t.deepEqual(seen[0], seen[1]);
  t.is(seen[0]?.length, 1);
});

test('an empty argument where the id goes is no id: both answer as runc does, and delete keeps the next container\'s record', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const launcher = await makeWatchedLauncher(scratch.dir);
  const root = join(scratch.dir, 'root');
  for (const form of [['state', '', id], ['kill', '', id, '9'], ['delete', '', id]]) {
    const outcomes = [];
    for (const via of ['launcher', 'engine'] as const) {
      writeRecord(root, id, { kind: 'runc', name: 'rec', path: recorderPath, args: [] });
      await scratch.clear();
      await launcher.clear();
      const outcome = await runHardrun(['--root', root, ...form], { via, env: { RECORDER_LOG: scratch.log, RECORDER_EXIT: '1', RECORDER_MESSAGE: 'container does not exist', HARDRUN_POLICY: scratch.policy }, launcher: launcher.path });
      outcomes.push({ ...outcome, calls: await scratch.calls() });
      t.true(existsSync(join(`${root}.hardrun`, id)), `${via} ${form.join(' ')}: removed ${id}'s record`);
      if (via === 'launcher') t.is((await launcher.engineCalls()).length, 1, `${form.join(' ')}: the launcher answered it`);
    }
    t.deepEqual(outcomes[0], outcomes[1], form.join(' '));
  }
});

test('a record naming a backend that is gone: the engine answers, with its reason in the log, never the shell\'s words', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  const outcomes = [];
  for (const via of ['launcher', 'engine'] as const) {
    const log = join(scratch.dir, `log-${via}.json`);
    writeRecord(root, id, { kind: 'runc', name: 'rec', path: join(scratch.dir, 'gone', 'runsc'), args: [] });
    const outcome = await runHardrun(['--root', root, '--log', log, '--log-format', 'json', 'kill', id, '9'], { via, env: { HARDRUN_POLICY: scratch.policy } });
    const logged = await readFile(log, 'utf8');
    t.regex(logged, /"level":"error".*cannot run backend .*gone\/runsc/, via);
    outcomes.push({ exitCode: outcome.exitCode, output: outcome.stdout + outcome.stderr });
  }
  t.deepEqual(outcomes[0], outcomes[1]);
  t.is(outcomes[0]?.exitCode, 1);
  t.regex(outcomes[0]?.output ?? '', /^cannot run backend .*gone\/runsc: No such file or directory\n$/);
});

test('a record that is a symlink is not followed by either', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const launcher = await makeWatchedLauncher(scratch.dir);
  const root = join(scratch.dir, 'root');
  writeRecord(root, 'real', { kind: 'runc', name: 'rec', path: recorderPath, args: [] });
  await symlink(join(`${root}.hardrun`, 'real'), join(`${root}.hardrun`, id));
  const outcomes = [];
  for (const via of ['launcher', 'engine'] as const) {
    await scratch.clear();
    const outcome = await runHardrun(['--root', root, 'kill', id, '9'], { via, env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy }, launcher: launcher.path });
    outcomes.push({ exitCode: outcome.exitCode, calls: await scratch.calls() });
  }
  t.not(outcomes[0]!.exitCode, 0);
  t.deepEqual(outcomes[0], outcomes[1]);
  t.deepEqual(outcomes[0]!.calls, []);
});

test('delete takes the half-made records a killed create left for this id, and never another container\'s', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  const dir = `${root}.hardrun`;
  const mine = ['.a.0123456789ab.tmp', '.a.default-0123456789ab.tmp'];
  const others = ['.a.b.0123456789ab.tmp', '.a.b.default-0123456789ab.tmp', '.ab.0123456789ab.tmp'];
  for (const via of ['launcher', 'engine'] as const) {
    writeRecord(root, 'a', { kind: 'runc', name: 'rec', path: recorderPath, args: [] });
    for (const name of [...mine, ...others]) await writeFile(join(dir, name), '');
    const outcome = await runHardrun(['--root', root, 'delete', 'a'], { via, env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy } });
    t.is(outcome.exitCode, 0, `${via}: ${outcome.stderr}`);
    t.deepEqual((await readdir(dir)).filter(name => name.startsWith('.')).sort(), [...others].sort(), via);
    for (const name of others) await rm(join(dir, name));
  }
  // With no record of its own, a delete of a is not sent to the engine by another container's half-made record.
  for (const name of others) await writeFile(join(dir, name), '');
  writeDefaultRecord(root, { kind: 'runc', name: 'rec', path: recorderPath, args: [] }, 'c0');
  const launcher = await makeWatchedLauncher(scratch.dir);
  t.is((await runHardrun(['--root', root, 'delete', '--force', 'a'], { env: { RECORDER_LOG: scratch.log }, launcher: launcher.path })).exitCode, 0);
  t.deepEqual(await launcher.engineCalls(), []);
  t.deepEqual((await readdir(dir)).filter(name => name.startsWith('.')).sort(), [...others].sort());
});

test('the engine starts clean of its allocator\'s variables too: MIMALLOC_VERBOSE prints nothing', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  const outcome = await runHardrun(['--root', root, 'state', 'nothing-here'], { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy, MIMALLOC_VERBOSE: '1', MIMALLOC_SHOW_ERRORS: '1' } });
  t.is(outcome.exitCode, 0, outcome.stderr);
  t.is(outcome.stdout + outcome.stderr, '');
  t.deepEqual(await scratch.calls(), [['--root', root, 'state', 'nothing-here']]);
});

test('an id with a comma is an id, as runc takes it: both reach its record\'s backend', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const launcher = await makeWatchedLauncher(scratch.dir);
  const root = join(scratch.dir, 'root');
  writeRecord(root, 'a,b', { kind: 'runc', name: 'rec', path: recorderPath, args: ['--rec-global=1'] });
  for (const via of ['launcher', 'engine'] as const) {
    await scratch.clear();
    await launcher.clear();
    const outcome = await runHardrun(['--root', root, 'kill', 'a,b', '9'], { via, env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy }, launcher: launcher.path });
    t.is(outcome.exitCode, 0, `${via}: ${outcome.stderr}`);
    t.deepEqual(await scratch.calls(), [['--rec-global=1', '--root', root, 'kill', 'a,b', '9']], via);
    if (via === 'launcher') t.deepEqual(await launcher.engineCalls(), []);
  }
});

test('a hooked record: a delete the backend succeeds on, with state for the container, leaves the removal to the backend\'s hook; with no state, both remove it', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = join(scratch.dir, 'root');
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy };
  const launcher = await makeWatchedLauncher(scratch.dir);
  for (const via of ['launcher', 'engine'] as const) {
    const record = { kind: 'runc' as const, name: 'rec', path: recorderPath, args: [], hooked: true };
    writeRecord(root, id, record);
    t.regex(await readFile(recordPath(root, id), 'utf8'), /^hardrun1\thooked\t/);
    // The launcher follows a hooked record as a direct one.
    t.is((await runHardrun(['--root', root, 'state', id], { via, env, launcher: launcher.path })).exitCode, 0);
    // runc keeps ROOT/ID while it has the container: its delete runs the hook (the recorder runs none).
    await mkdir(join(root, id), { recursive: true });
    t.is((await runHardrun(['--root', root, 'delete', id], { via, env, launcher: launcher.path })).exitCode, 0, via);
    t.true(existsSync(recordPath(root, id)), `${via} removed what the backend's hook removes`);
    await rm(join(root, id), { recursive: true });
    // No state (a create runc refused before making any): no hook will run, so the delete removes it.
    t.is((await runHardrun(['--root', root, 'delete', '--force', id], { via, env, launcher: launcher.path })).exitCode, 0, via);
    t.false(existsSync(recordPath(root, id)), `${via} left a record no hook will remove`);
  }
  t.deepEqual(await launcher.engineCalls(), [], 'the launcher answered a hooked record\'s calls itself');
  const calls = await scratch.calls();
  t.is(calls.filter(call => call.includes('delete')).length, 4, 'each delete reached the backend');
});
