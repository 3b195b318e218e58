import test from 'ava';
import { execa } from 'execa';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findExecutable } from '../helpers/dockerd.js';
import { leftoversOf } from '../helpers/leftovers.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * A delete of an unknown id, a double delete and a kill of a
 * stopped container get the answers runc gives (the shim classifies them by
 * their words), through hardrun as through runc itself.
 */
const runc = findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/sbin/runc';
let scratch = '';

test.before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hardrun-answers-'));
});
test.after.always(async () => {
  for (const via of ['runc', 'hardrun']) {
    for (const id of ['stopped', 'double']) await execa(via === 'runc' ? runc : launcherPath, ['--root', join(scratch, via), 'delete', '--force', id], { reject: false });
  }
  await rm(scratch, { recursive: true, force: true });
});

async function bundle(name: string): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(join(dir, 'rootfs', 'bin'), { recursive: true });
  await copyFile(findExecutable('busybox', ['/bin']) ?? '/bin/busybox', join(dir, 'rootfs', 'bin', 'busybox'));
  await symlink('busybox', join(dir, 'rootfs', 'bin', 'true'));
  await execa(runc, ['spec'], { cwd: dir });
  const spec = JSON.parse(await (await import('node:fs/promises')).readFile(join(dir, 'config.json'), 'utf8')) as { process: { terminal: boolean; args: string[] } };
  spec.process.terminal = false;
  spec.process.args = ['/bin/true'];
  await writeFile(join(dir, 'config.json'), JSON.stringify(spec));
  return dir;
}

/** Runs the same call through runc and through hardrun (each with its own --root). */
async function both(args: (root: string) => string[]): Promise<{ runc: { exitCode?: number; all?: string }; hardrun: { exitCode?: number; all?: string } }> {
  const viaRunc = await execa(runc, args(join(scratch, 'runc')), { reject: false, all: true, stdin: 'ignore' });
  const viaHardrun = await execa(launcherPath, args(join(scratch, 'hardrun')), { reject: false, all: true, stdin: 'ignore' });
  return { runc: viaRunc, hardrun: viaHardrun };
}

const normalize = (text: string | undefined): string => (text ?? '').replace(/time="[^"]*" /g, '').replace(/\/[^ ]*hardrun-answers-[^/ ]*\/(runc|hardrun)/g, 'ROOT');

test('delete of an unknown id, with and without --force', async t => {
  for (const args of [['delete', 'nosuch'], ['delete', '--force', 'nosuch']]) {
    const answers = await both(root => ['--root', root, ...args]);
    t.is(answers.hardrun.exitCode, answers.runc.exitCode, args.join(' '));
    t.is(normalize(answers.hardrun.all), normalize(answers.runc.all), args.join(' '));
  }
});

test('a double delete, and a kill of a stopped container', async t => {
  for (const via of ['runc', 'hardrun'] as const) {
    const dir = await bundle(`${via}-stopped`);
    const binary = via === 'runc' ? runc : launcherPath;
    const root = join(scratch, via);
    for (const id of ['stopped', 'double']) {
      // The container keeps runc's stdio: a pipe here would stay open until it exits.
      const created = await execa(binary, ['--root', root, 'create', '--bundle', dir, id], { reject: false, stdio: 'ignore' });
      t.is(created.exitCode, 0, `${via} create ${id}`);
      await execa(binary, ['--root', root, 'start', id]);
    }
    await sleep(300);
  }
  const kill = await both(root => ['--root', root, 'kill', 'stopped', '9']);
  t.is(kill.hardrun.exitCode, kill.runc.exitCode);
  t.is(normalize(kill.hardrun.all), normalize(kill.runc.all));
  t.regex(kill.hardrun.all ?? '', /container not running/);
  const first = await both(root => ['--root', root, 'delete', 'double']);
  t.is(first.hardrun.exitCode, 0, first.hardrun.all);
  t.is(first.runc.exitCode, 0);
  const second = await both(root => ['--root', root, 'delete', 'double']);
  t.is(second.hardrun.exitCode, second.runc.exitCode);
  t.is(normalize(second.hardrun.all), normalize(second.runc.all));
  t.regex(second.hardrun.all ?? '', /does not exist/);
  await both(root => ['--root', root, 'delete', 'stopped']);
  t.deepEqual(await leftoversOf(join(scratch, 'hardrun')), { records: [], staging: [], mounts: [], claims: [] });
});

test('a create that fails after the hand-over, then delete without --force: hardrun leaves what runc leaves, nothing', async t => {
  // Roots of its own: the other tests here check their roots for leftovers at their own pace.
  const rootOf = (via: string): string => join(scratch, `failed-${via}`);
  const answers: Record<string, { exitCode?: number; all?: string }> = {};
  for (const via of ['runc', 'hardrun'] as const) {
    const dir = await bundle(`${via}-failed`);
    const config = JSON.parse(await (await import('node:fs/promises')).readFile(join(dir, 'config.json'), 'utf8')) as { process: { args: string[] } };
    config.process.args = ['/no/such/program'];
    await writeFile(join(dir, 'config.json'), JSON.stringify(config));
    const binary = via === 'runc' ? runc : launcherPath;
    const created = await execa(binary, ['--root', rootOf(via), 'create', '--bundle', dir, 'failed'], { reject: false, stdio: 'ignore' });
    t.not(created.exitCode, 0, `${via}: the create was meant to fail`);
    answers[via] = await execa(binary, ['--root', rootOf(via), 'delete', 'failed'], { reject: false, all: true, stdin: 'ignore' });
  }
  const normalizeRoot = (text: string | undefined): string => normalize(text).replace(/\/[^ ]*hardrun-answers-[^/ ]*\/failed-(runc|hardrun)/g, 'ROOT');
  t.is(answers['hardrun']!.exitCode, answers['runc']!.exitCode);
  t.is(normalizeRoot(answers['hardrun']!.all), normalizeRoot(answers['runc']!.all));
  t.deepEqual(await leftoversOf(rootOf('hardrun')), { records: [], staging: [], mounts: [], claims: [] }, answers['hardrun']!.all);
  t.deepEqual(await readdir(rootOf('runc')).catch(() => []), [], 'runc left something: the comparison is off');
});

test('a foreground run through real runc: its status, and nothing left once the container is gone', async t => {
  const dir = await bundle('hardrun-foreground');
  const root = join(scratch, 'foreground');
  const result = await execa(launcherPath, ['--root', root, 'run', '--bundle', dir, 'fg'], { reject: false, stdio: 'ignore' });
  t.is(result.exitCode, 0);
  t.deepEqual(await leftoversOf(root), { records: [], staging: [], mounts: [], claims: [] });
});

test('a config.json with null fields (runc reads a null as an absent field) runs through hardrun as through runc, hardened', async t => {
  const dir = await bundle('nulls');
  for (const applet of ['sh', 'grep']) await symlink('busybox', join(dir, 'rootfs', 'bin', applet));
  const path = join(dir, 'config.json');
  const spec = JSON.parse(await (await import('node:fs/promises')).readFile(path, 'utf8')) as { process: Record<string, unknown>; linux: Record<string, unknown>; annotations?: unknown };
  spec.process['args'] = ['/bin/sh', '-c', 'grep -E "^(NoNewPrivs|Seccomp):" /proc/self/status'];
  spec.process['capabilities'] = null;
  spec.linux['seccomp'] = null;
  spec.linux['maskedPaths'] = null;
  spec.annotations = null;
  const text = JSON.stringify(spec);
  const outputs: Record<string, string> = {};
  for (const via of ['runc', 'hardrun']) {
    await writeFile(path, text);
    const root = join(scratch, `nulls-${via}`);
    const result = await execa(via === 'runc' ? runc : launcherPath, ['--root', root, 'run', '--bundle', dir, `nulls-${via}`], { reject: false, all: true, stdin: 'ignore' });
    t.is(result.exitCode, 0, `${via}: ${result.all}`);
    outputs[via] = result.all;
    if (via === 'hardrun') t.deepEqual(await leftoversOf(root), { records: [], staging: [], mounts: [], claims: [] });
  }
  t.regex(outputs['runc']!, /Seccomp:\s+0/);
  t.regex(outputs['hardrun']!, /NoNewPrivs:\s+1/);
  t.regex(outputs['hardrun']!, /Seccomp:\s+2/);
});

test('a key runc reads as a field hardrun checks, spelled otherwise (linux.Seccomp), is refused; runc alone applies it', async t => {
  const dir = await bundle('spellings');
  for (const applet of ['sh', 'grep']) await symlink('busybox', join(dir, 'rootfs', 'bin', applet));
  const path = join(dir, 'config.json');
  const spec = JSON.parse(await (await import('node:fs/promises')).readFile(path, 'utf8')) as { process: Record<string, unknown>; linux: Record<string, unknown> };
  spec.process['args'] = ['/bin/sh', '-c', 'grep -E "^Seccomp:" /proc/self/status'];
  delete spec.linux['seccomp'];
  spec.linux['Seccomp'] = { defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86_64'], syscalls: [{ names: ['mknod'], action: 'SCMP_ACT_ERRNO' }] };
  const text = JSON.stringify(spec);
  await writeFile(path, text);
  const viaRunc = await execa(runc, ['--root', join(scratch, 'spellings-runc'), 'run', '--bundle', dir, 'spellings-runc'], { reject: false, all: true, stdin: 'ignore' });
  t.is(viaRunc.exitCode, 0, viaRunc.all);
  t.regex(viaRunc.all, /Seccomp:\s+2/, 'runc reads linux.Seccomp as linux.seccomp');
  await writeFile(path, text);
  const root = join(scratch, 'spellings-hardrun');
  const viaHardrun = await execa(launcherPath, ['--root', root, 'run', '--bundle', dir, 'spellings-hardrun'], { reject: false, all: true, stdin: 'ignore' });
  t.is(viaHardrun.exitCode, 1);
  t.regex(viaHardrun.all, /linux\.Seccomp: runc would read this key as linux\.seccomp .*write it as seccomp/);
  t.deepEqual(await leftoversOf(root), { records: [], staging: [], mounts: [], claims: [] });
});

test('a second create of a live container is refused as runc refuses it, and the first keeps its record, staging and claim', async t => {
  const dir = await bundle('twice');
  const answers: Record<string, string> = {};
  for (const via of ['runc', 'hardrun'] as const) {
    const root = join(scratch, `twice-${via}`);
    const tool = via === 'runc' ? runc : launcherPath;
    t.teardown(() => execa(tool, ['--root', root, 'delete', '--force', 'twice'], { reject: false }).then(() => undefined));
    const first = await execa(tool, ['--root', root, 'create', '--bundle', dir, 'twice'], { reject: false, stdio: 'ignore' });
    t.is(first.exitCode, 0, via);
    const before = via === 'hardrun' ? await leftoversOf(root) : undefined;
    const second = await execa(tool, ['--root', root, 'create', '--bundle', dir, 'twice'], { reject: false, all: true, stdin: 'ignore' });
    t.is(second.exitCode, 1, via);
    answers[via] = normalize(second.all).replace(/^.*msg="(?:runc create failed: )?(.*)"$/m, '$1').trim();
    if (via === 'hardrun') {
      t.deepEqual(await leftoversOf(root), before, 'the first container\'s record, staging and claim are all still there');
      t.is(before?.records.length, 1);
      t.is(before?.claims.length, 1);
    }
    t.is((await execa(tool, ['--root', root, 'state', 'twice'], { reject: false })).exitCode, 0, `${via}: the first container is still there`);
    t.is((await execa(tool, ['--root', root, 'delete', '--force', 'twice'], { reject: false })).exitCode, 0);
    if (via === 'hardrun') t.deepEqual(await leftoversOf(root), { records: [], staging: [], mounts: [], claims: [] });
  }
  t.is(answers['hardrun'], answers['runc']);
  t.is(answers['runc'], 'container with given ID already exists');
});
