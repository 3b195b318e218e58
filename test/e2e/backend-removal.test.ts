import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Spec } from '../../src/spec/types.js';
import { findExecutable } from '../helpers/dockerd.js';
import { leftoversOf, removeLeftoversOf } from '../helpers/leftovers.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * Whatever real runc removes on its own, hardrun's record, staging
 * directory and claim of host ids go too, with no `delete` through hardrun
 * to wait for: each sequence runs through runc and through hardrun (the
 * built-in policy: a user namespace, so all three exist), each with its own
 * root and bundle, and after it hardrun leaves exactly what runc leaves.
 */
const runc = findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/sbin/runc';
const vias = ['runc', 'hardrun'] as const;
type Via = typeof vias[number];
let scratch = '';
let sequence = 0;

test.before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hardrun-removal-'));
});
test.after.always(async () => {
  for (const name of await readdir(scratch).catch(() => [] as string[])) {
    if (!name.startsWith('root-') || name.endsWith('.hardrun')) continue;
    const root = join(scratch, name);
    for (const id of await readdir(root).catch(() => [] as string[])) await execa(runc, ['--root', root, 'delete', '--force', id], { reject: false });
    await removeLeftoversOf(root);
  }
  await rm(scratch, { recursive: true, force: true });
});

const binaryOf = (via: Via): string => (via === 'runc' ? runc : launcherPath);

interface Sides { readonly root: Record<Via, string>; readonly bundle: Record<Via, string> }

/** A root and a busybox bundle per side, for one sequence. */
async function sides(edit: (spec: Spec) => void): Promise<Sides> {
  sequence += 1;
  const root = { runc: join(scratch, `root-runc-${sequence}`), hardrun: join(scratch, `root-hardrun-${sequence}`) };
  const bundle = { runc: '', hardrun: '' };
  for (const via of vias) bundle[via] = await makeBundle(`bundle-${via}-${sequence}`, edit);
  return { root, bundle };
}

async function makeBundle(name: string, edit: (spec: Spec) => void): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(join(dir, 'rootfs', 'bin'), { recursive: true });
  await copyFile(findExecutable('busybox', ['/bin']) ?? '/bin/busybox', join(dir, 'rootfs', 'bin', 'busybox'));
  for (const tool of ['sh', 'sleep', 'true']) await symlink('busybox', join(dir, 'rootfs', 'bin', tool));
  await execa(runc, ['spec'], { cwd: dir });
  const spec = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Spec;
  spec.process!.terminal = false;
  spec.process!.args = ['/bin/true'];
  spec.linux!.cgroupsPath = `/hardrun-removal-${name}`;
  edit(spec);
  await writeFile(join(dir, 'config.json'), JSON.stringify(spec));
  return dir;
}

/**
 * One call on one side. A container keeps the stdio of the create that
 * made it, so a create's stderr goes to a file, never a pipe that would
 * stay open until the container ends.
 */
async function call(s: Sides, via: Via, args: readonly string[]): Promise<{ exitCode: number; all: string }> {
  const argv = ['--root', s.root[via], ...args.map(arg => (arg === 'BUNDLE' ? s.bundle[via] : arg))];
  const errors = join(scratch, `stderr-${via}-${sequence}`);
  // node:child_process, not execa, which would pipe a file it is given.
  const fd = openSync(errors, 'w');
  let exitCode: number;
  try {
    const child = spawn(binaryOf(via), argv, { stdio: ['ignore', 'ignore', fd] });
    exitCode = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => { resolve(code ?? 128 + (signal === null ? 0 : 1)); });
    });
  } finally {
    closeSync(fd);
  }
  const all = await readFile(errors, 'utf8');
  return { exitCode, all: all.replace(/time="[^"]*" /g, '').replace(/\/[^ "]*hardrun-removal-[^ "]*/g, 'PATH') };
}

/** Runs the calls on both sides, holds each answer of hardrun's to runc's, then what each left. */
async function holdToRunc(t: ExecutionContext, s: Sides, calls: readonly (readonly string[])[], between?: (via: Via) => Promise<void>): Promise<void> {
  const answers: Record<Via, string[]> = { runc: [], hardrun: [] };
  for (const via of vias) {
    for (const args of calls) {
      const { exitCode, all } = await call(s, via, args);
      answers[via].push(`${args.join(' ')} → ${exitCode} ${all.trim()}`);
    }
    await between?.(via);
  }
  t.deepEqual(answers.hardrun, answers.runc, 'hardrun answers as runc does');
  t.deepEqual(await readdir(s.root.runc).catch(() => []), [], 'runc itself left state: the sequence is not one runc cleans up');
  t.deepEqual(await readdir(s.root.hardrun).catch(() => []), [], 'runc left state under hardrun');
  t.deepEqual(await leftoversOf(s.root.hardrun), { records: [], staging: [], mounts: [], claims: [] }, 'hardrun left state runc did not');
}

const failingPoststart = (spec: Spec): void => { spec.hooks = { poststart: [{ path: '/bin/false' }] }; };

test('a poststart hook that fails under a foreground run', async t => {
  await holdToRunc(t, await sides(failingPoststart), [['run', '--bundle', 'BUNDLE', 'c']]);
});

test('a poststart hook that fails under create, then start (runc 1.1 runs poststart hooks at create)', async t => {
  await holdToRunc(t, await sides(failingPoststart), [['create', '--bundle', 'BUNDLE', 'c'], ['start', 'c'], ['state', 'c']]);
});

test('a poststart hook that fails under run --detach', async t => {
  await holdToRunc(t, await sides(failingPoststart), [['run', '--detach', '--bundle', 'BUNDLE', 'c']]);
});

test('a create that fails once handed over (no such program), and no delete', async t => {
  await holdToRunc(t, await sides(spec => { spec.process!.args = ['/no/such/program']; }), [['create', '--bundle', 'BUNDLE', 'c'], ['state', 'c']]);
});

test('a container whose process exits before start returns: stopped, then deleted', async t => {
  await holdToRunc(t, await sides(() => undefined), [['create', '--bundle', 'BUNDLE', 'c'], ['start', 'c'], ['delete', 'c']]);
});

test('run --detach, then the backend\'s own delete (runc delete, not through hardrun)', async t => {
  const s = await sides(spec => { spec.process!.args = ['/bin/sleep', '100']; });
  await holdToRunc(t, s, [['run', '--detach', '--bundle', 'BUNDLE', 'c']], async via => {
    t.is((await execa(runc, ['--root', s.root[via], 'delete', '--force', 'c'], { reject: false })).exitCode, 0, `${via}: runc delete`);
  });
});

for (const [failure, edit] of [
  ['runc refuses before it makes any state (a relative cwd)', (spec: Spec): void => { spec.process!.cwd = 'relative'; }],
  ['late: no such program', (spec: Spec): void => { spec.process!.args = ['/no/such/program']; }],
] as const) {
  test(`a create retried for the same id after a failure, ${failure}: one claim, then nothing`, async t => {
    const s = await sides(edit);
    const good = { runc: await makeBundle(`good-runc-${sequence}`, () => undefined), hardrun: await makeBundle(`good-hardrun-${sequence}`, () => undefined) };
    await holdToRunc(t, s, [['create', '--bundle', 'BUNDLE', 'c']], async via => {
      // The retry, from a bundle that works: the first container's claim must not stay beside the second's.
      const retried = await execa(binaryOf(via), ['--root', s.root[via], 'create', '--bundle', good[via], 'c'], { reject: false, stdio: 'ignore' });
      t.is(retried.exitCode, 0, `${via}: the retry`);
      if (via === 'hardrun') {
        const live = await leftoversOf(s.root.hardrun);
        t.is(live.claims.length, 1, `one container, one claim: ${live.claims.join(', ')}`);
        t.deepEqual(live.records, ['c']);
      }
      t.is((await execa(binaryOf(via), ['--root', s.root[via], 'delete', '--force', 'c'], { reject: false })).exitCode, 0);
    });
  });
}

test('doctor names what outlived its container, with its id and why, and --fix removes it, leaving the live one\'s state', async t => {
  sequence += 1;
  const root = join(scratch, `root-hardrun-${sequence}`);
  const quiet = { reject: false, stdio: 'ignore' } as const;
  const early = await makeBundle(`doctor-early-${sequence}`, spec => { spec.process!.cwd = 'relative'; });
  const good = await makeBundle(`doctor-good-${sequence}`, spec => { spec.process!.args = ['/bin/sleep', '100']; });
  // runc refuses before it makes any state, so it runs no hook; and no delete follows.
  t.is((await execa(launcherPath, ['--root', root, 'create', '--bundle', early, 'early'], quiet)).exitCode, 1);
  t.is((await execa(launcherPath, ['--root', root, 'run', '--detach', '--bundle', good, 'live'], quiet)).exitCode, 0);
  const kept = await makeBundle(`doctor-kept-${sequence}`, spec => { spec.process!.args = ['/bin/sleep', '100']; });
  t.is((await execa(launcherPath, ['--root', root, 'run', '--detach', '--bundle', kept, 'kept'], quiet)).exitCode, 0);
  const keptStaging = (await leftoversOf(root)).staging.find(dir => dir.endsWith('-kept'))!;
  // Something put in its staging directory keeps it past the delete (rm -d never recurses).
  await mkdir(join(keptStaging, 'extra'));
  await writeFile(join(keptStaging, 'extra', 'file'), '');
  t.is((await execa(launcherPath, ['--root', root, 'delete', '--force', 'kept'], quiet)).exitCode, 0);
  await rm(join(keptStaging, 'extra', 'file'));
  const before = await leftoversOf(root);
  t.deepEqual(before.records.sort(), ['early', 'live']);
  t.is(before.claims.length, 2);
  // Older than a create takes: a younger record may be a create under way.
  const old = new Date(Date.now() - 5 * 60_000);
  for (const path of [join(`${root}.hardrun`, 'early'), ...before.staging, ...before.claims.map(entry => entry.slice(0, entry.lastIndexOf('/')))]) await utimes(path, old, old);

  const doctor = async (...flags: string[]): Promise<{ status: string; detail: string }> => {
    const result = await execa(launcherPath, ['doctor', '--json', '--root', root, ...flags], { reject: false });
    const checks = (JSON.parse(result.stdout) as { checks: { name: string; status: string; detail: string }[] }).checks;
    return checks.find(check => check.name === 'leftovers')!;
  };
  const found = await doctor();
  t.is(found.status, 'info');
  t.regex(found.detail, /^2 leftovers: /);
  t.regex(found.detail, /record \S+\/early of container early \(\S+\): runc has no container early under \S+ \(a create that failed before runc made its state[^;]*, and with it go its staging directory \/run\/hardrun\/\w+-early and its claim \/run\/hardrun\/ids\/\d+/);
  t.regex(found.detail, /staging \/run\/hardrun\/\w+-kept of container kept \(\S+\): no record names it: container kept under \S+ is gone/);
  t.notRegex(found.detail, /live/);
  const fixed = await doctor('--fix');
  t.is(fixed.status, 'ok', fixed.detail);
  t.regex(fixed.detail, /^removed 2: /);
  const after = await leftoversOf(root);
  t.deepEqual(after.records, ['live']);
  t.deepEqual(after.staging.map(dir => dir.replace(/.*-/, '')), ['live']);
  t.is(after.claims.length, 1);
  t.is((await doctor()).status, 'ok', 'nothing more to find');
  t.is((await execa(launcherPath, ['--root', root, 'delete', '--force', 'live'], quiet)).exitCode, 0);
  t.deepEqual(await leftoversOf(root), { records: [], staging: [], mounts: [], claims: [] });
});
