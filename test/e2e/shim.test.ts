import test from 'ava';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { stagingDirFor } from '../../src/bundle/staging.js';
import { defaultHardening } from '../../src/harden/units.js';
import { defaultRecordName } from '../../src/state/record.js';
import { hostMountsOfHardrun } from '../helpers/hardrun-docker.js';
import { runHardrun } from '../helpers/shipped.js';
import { criClient } from '../shim/cri-client.js';
import { baseConfig, createPodNetwork, saveCriImages, startContainerd, type PrivateContainerd } from '../shim/private-containerd.js';
import { assertHardened, parseProbe, probeScript } from '../shim/probe.js';

/**
 * Kubernetes' path: a real containerd (Debian's 1.6) started
 * from the configuration `hardrun setup containerd` wrote. Pods go through
 * both of its handlers by CRI, as the kubelet asks (RunPodSandbox with a
 * runtime_handler, sent by the test's CRI client since crictl is not
 * packaged here): containerd's runc shim with hardrun as BinaryName, and hardrun's
 * shim front. ctr then runs containers through each one's shim and binary
 * to prove the hardening from inside, and the front hands a Kata-bound
 * container to a recording stand-in for Kata's shim.
 */
const namespace = 'hardrun-shim-test';
const image = 'docker.io/library/busybox:latest';
const runcRoot = `/run/containerd/runc/${namespace}`;
let dir = '';
let containerd: PrivateContainerd | undefined;
let configPath = '';
let policyPath = '';
let podNetwork: { remove(): Promise<void> } | undefined;
const pauseImage = 'docker.io/library/hardrun-pause:latest';
const criRoot = '/run/containerd/runc/k8s.io';
let handlers: Record<string, { runtime_type?: string; runtime_path?: string; options?: { BinaryName?: string } }> = {};
const cd = (): PrivateContainerd => {
  if (containerd === undefined) throw new Error('private containerd did not start');
  return containerd;
};
// Never the host's /etc/subuid: setup writes these temporary ones.
const subidFiles = (): string[] => ['--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid')];
const name = (what: string): string => `${what}-${Date.now().toString(36)}`;

// libcni keeps results under /var/lib/cni/results (CRI 1.6 cannot move it); removed after if the test made it.
let hadCniState = false;

test.before(async () => {
  hadCniState = await stat('/var/lib/cni').then(() => true, () => false);
  dir = await mkdtemp('/tmp/hrs-');
  const tarball = join(dir, 'busybox.tar');
  await saveCriImages(tarball);
  configPath = join(dir, 'config.toml');
  await writeFile(configPath, baseConfig(dir, pauseImage));
  const merged = await runHardrun(['setup', 'containerd', '--config', configPath, '--shim', ...subidFiles()]);
  if (merged.exitCode !== 0) throw new Error(`setup containerd failed: ${merged.stderr}`);
  const config = parse(await readFile(configPath, 'utf8')) as { plugins: Record<string, { containerd: { runtimes: typeof handlers } }> };
  handlers = config.plugins['io.containerd.grpc.v1.cri']!.containerd.runtimes;
  podNetwork = await createPodNetwork(dir);
  // A rule for CRI's caller, so the record shows that hardrun's create ran for Kubernetes. CRI joins
  // runc to a network namespace it made beforehand, owned by the host's user namespace: the
  // user-namespace transform binds the host's /sys read-only instead of mounting a new sysfs.
  policyPath = join(dir, 'policy.json');
  await writeFile(policyPath, JSON.stringify({ rules: [{ name: 'kubernetes', match: { caller: ['k8s.io'] } }] }));
  // containerd 1.6.20 ignores runtime_path (fixed in 1.6.21 by containerd commit 97064b077) and
  // resolves runtime_type io.containerd.hardrun.v2 as containerd-shim-hardrun-v2 on its PATH:
  // bin/ goes there, as the DaemonSet's symlink in /usr/local/bin does on a node.
  containerd = await startContainerd(dir, configPath, namespace, { HARDRUN_POLICY: policyPath, PATH: `${join(process.cwd(), 'bin')}:${process.env['PATH'] ?? ''}` });
  for (const ns of [namespace, 'k8s.io']) await cd().ctr(['images', 'import', tarball], { namespace: ns, timeout: 120_000 });
  await rm(tarball);
});

/** The container records under a root, without the default backend's. */
async function containerRecords(root: string): Promise<string[]> {
  return (await readdir(`${root}.hardrun`).catch(() => [] as string[])).filter(name => name !== defaultRecordName);
}

test.after.always(async () => {
  await containerd?.stop();
  await podNetwork?.remove();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
  const cniState = hadCniState ? [] : ['/var/lib/cni/results', '/var/lib/cni'];
  for (const root of [runcRoot, criRoot]) await rm(`${root}.hardrun/${defaultRecordName}`, { force: true });
  for (const path of [`${runcRoot}.hardrun`, runcRoot, `${criRoot}.hardrun`, criRoot, ...cniState]) await rmdir(path).catch(() => undefined);
});

test.serial('setup containerd merges its handlers into the file, keeps the rest, and a second run changes nothing', async t => {
  const text = await readFile(configPath, 'utf8');
  t.true(text.startsWith(baseConfig(dir, pauseImage)), 'the original text, comments included, stays as it was');
  t.is(await readFile(`${configPath}.hardrun-backup`, 'utf8'), baseConfig(dir, pauseImage));
  const again = await runHardrun(['setup', 'containerd', '--config', configPath, '--shim', ...subidFiles()]);
  t.is(again.exitCode, 0, again.stderr);
  t.regex(again.stdout, /nothing changed/);
  t.is(await readFile(configPath, 'utf8'), text, 'byte-identical');
  t.is(await readFile(join(dir, 'subuid'), 'utf8'), 'hardrun:1610612736:268435456\n');
  const printed = await runHardrun(['setup', 'containerd', '--version', '2', '--shim']);
  const printedHandlers = (parse(printed.stdout) as { plugins: Record<string, { containerd: { runtimes: unknown } }> }).plugins['io.containerd.grpc.v1.cri']!.containerd.runtimes;
  // The merge also names containerd's default runc handler, which the base file lacked.
  t.deepEqual({ ...printedHandlers as object, runc: { runtime_type: 'io.containerd.runc.v2' } }, handlers, 'what it prints is what it merges');
  t.is(handlers['hardrun']?.runtime_type, 'io.containerd.runc.v2');
  t.is(handlers['hardrun']?.options?.BinaryName, join(process.cwd(), 'bin/hardrun'));
  t.is(handlers['hardrun-shim']?.runtime_path, join(process.cwd(), 'bin/containerd-shim-hardrun-v2'));
});

test.serial('containerd starts with that configuration and its CRI plugin loads the handlers', async t => {
  const plugins = (await cd().ctr(['plugins', 'ls'])).stdout.split('\n');
  const cri = plugins.find(line => /\bio\.containerd\.grpc\.v1\s+cri\b/.test(line));
  t.truthy(cri, plugins.join('\n'));
  t.regex(cri ?? '', /\sok\s*$/);
  // The CRI plugin logs the handlers as it decoded them: what a RuntimeClass would select.
  const log = (await readFile(join(dir, 'containerd.log'), 'utf8')).split('\n').find(line => line.includes('Start cri plugin with config')) ?? '';
  t.true(log.includes(`hardrun:{Type:io.containerd.runc.v2 `) && log.includes(`Options:map[BinaryName:${join(process.cwd(), 'bin/hardrun')}]`), log);
  t.true(log.includes(`hardrun-shim:{Type:io.containerd.hardrun.v2 Path:${join(process.cwd(), 'bin/containerd-shim-hardrun-v2')} `), log);
});

for (const handler of ['hardrun', 'hardrun-shim']) {
  test.serial(`CRI: RunPodSandbox with runtime_handler "${handler}" runs the pod sandbox through hardrun`, async t => {
    const cri = criClient(join(dir, 'containerd.sock'));
    const pod = { name: name('pod'), uid: name('uid'), namespace: 'default' };
    const id = await cri.runPodSandbox({ metadata: pod, hostname: pod.name }, handler);
    t.teardown(async () => {
      await cri.stopPodSandbox(id).catch(() => undefined);
      await cri.removePodSandbox(id).catch(() => undefined);
      cri.close();
    });
    t.regex(id, /^[0-9a-f]{64}$/);
    // hardrun's create ran for CRI's caller (k8s.io): the record names the rule that matches it.
    t.regex(await readFile(`${criRoot}.hardrun/${id}`, 'utf8'), /^rule\tkubernetes$/m);
    if (handler === 'hardrun-shim') {
      t.regex(await readFile(join(dir, 'state', 'io.containerd.runtime.v2.task', 'k8s.io', id, 'hardrun-shim'), 'utf8'), /^shim\t\S+containerd-shim-runc-v2$/m);
    }
    const inspected = await runHardrun(['inspect', id, '--root', criRoot, '--json']);
    const report = JSON.parse(inspected.stdout) as { managed: { rule: string }; judgements: { property: string; hardened: boolean }[] };
    t.is(report.managed.rule, 'kubernetes');
    const weaker = report.judgements.filter(judgement => !judgement.hardened).map(judgement => judgement.property);
    t.deepEqual(weaker, [], 'the pod sandbox is hardened in every respect, user namespace included');
    t.is(inspected.exitCode, 0);
    await cri.stopPodSandbox(id);
    await cri.removePodSandbox(id);
    t.deepEqual(await containerRecords(criRoot), [], 'the record goes with the pod');
  });
}

test.serial('handler "hardrun": the runc shim with the configured BinaryName runs a hardened container', async t => {
  const binary = handlers['hardrun']?.options?.BinaryName ?? '';
  const result = await cd().ctr([
    'run', '--rm', '--runtime', handlers['hardrun']?.runtime_type ?? '', '--runc-binary', binary, '--runc-root', join(dir, 'runc'),
    '--fifo-dir', join(dir, 'fifo'), image, name('handler'), 'sh', '-c', probeScript,
  ], { reject: false });
  t.is(result.exitCode, 0, result.stderr);
  assertHardened(t, parseProbe(result.stdout), 'hardrun handler');
});

test.serial('handler "hardrun-shim": ctr run --runtime <front> runs a hardened container through the runc shim', async t => {
  const front = handlers['hardrun-shim']?.runtime_path ?? '';
  const result = await cd().ctr(['run', '--rm', '--runtime', front, '--fifo-dir', join(dir, 'fifo'), image, name('front'), 'sh', '-c', probeScript], { reject: false });
  t.is(result.exitCode, 0, result.stderr);
  assertHardened(t, parseProbe(result.stdout), 'shim front');
  t.deepEqual(await containerRecords(runcRoot), [], 'records removed at delete');
  t.deepEqual(await leftoverStaging(), []);
  t.deepEqual(await hostMountsOfHardrun(), []);
});

test.serial('a container behind the front: recorded choice, hardrun ps and hardrun inspect', async t => {
  const id = name('detached');
  const front = handlers['hardrun-shim']?.runtime_path ?? '';
  const started = await cd().ctr(['run', '-d', '--runtime', front, '--fifo-dir', join(dir, 'fifo'), image, id, 'sleep', '600'], { reject: false });
  t.is(started.exitCode, 0, started.stderr);
  t.teardown(async () => {
    await cd().ctr(['tasks', 'kill', '-s', 'SIGKILL', id], { reject: false });
    await cd().ctr(['tasks', 'delete', '-f', id], { reject: false });
    await cd().ctr(['containers', 'delete', id], { reject: false });
  });
  const choice = await readFile(join(dir, 'state', 'io.containerd.runtime.v2.task', namespace, id, 'hardrun-shim'), 'utf8');
  t.regex(choice, /^shim\t\/\S+\/containerd-shim-runc-v2$/m);
  t.regex(choice, /^backend\trunc$/m);
  const listed = await runHardrun(['ps', `--root=${runcRoot}`, '--json']);
  t.is(listed.exitCode, 0, listed.stderr);
  const rows = JSON.parse(listed.stdout) as { id: string; backend: string; status: string }[];
  t.like(rows.find(row => row.id === id), { backend: 'runc', status: 'running' });
  const inspected = await runHardrun(['inspect', id.slice(0, -2), '--root', runcRoot]);
  t.is(inspected.exitCode, 0, inspected.stdout + inspected.stderr);
  t.regex(inspected.stdout, /verdict: hardened/);
});

test.serial('the front refuses what the policy refuses before any shim starts, with the reason', async t => {
  const result = await cd().ctr([
    'run', '--rm', '--runtime', handlers['hardrun-shim']?.runtime_path ?? '', '--fifo-dir', join(dir, 'fifo'),
    '--mount', 'type=bind,src=/etc,dst=/host-etc,options=rbind:ro', image, name('refused'), 'true',
  ], { reject: false });
  t.not(result.exitCode, 0);
  t.regex(result.stderr, /hardrun refused this container: .*\/etc/);
});

test.serial('Kata: the stand-in shim receives what a Kata shim would, with a hardened config.json', async t => {
  const kata = join(dir, 'kata');
  await mkdir(kata);
  const shim = join(kata, 'containerd-shim-kata-v2');
  await copyFile('test/fixtures/kata-shim-recorder.sh', shim);
  await chmod(shim, 0o755);
  const policy = join(kata, 'policy.json');
  await writeFile(policy, JSON.stringify({ defaultBackend: 'kata', backends: { kata: { kind: 'kata', path: shim } } }));
  // An operator's own front that names the policy (as for Docker: never runtime arguments).
  const front = join(kata, 'front');
  await writeFile(front, `#!/bin/sh\nHARDRUN_POLICY=${policy} exec ${handlers['hardrun-shim']?.runtime_path} "$@"\n`);
  await chmod(front, 0o755);
  const id = name('kata');
  const result = await cd().ctr(['run', '--rm', '--runtime', front, '--fifo-dir', join(dir, 'fifo'), image, id, 'true'], { reject: false });
  t.not(result.exitCode, 0, 'the stand-in starts no VM');
  t.regex(result.stderr, /kata stand-in: no VM here/);
  const call = join(kata, 'calls', '0');
  const argv = (await readFile(join(call, 'argv'), 'utf8')).trimEnd().split('\n');
  t.deepEqual(argv, ['-namespace', namespace, '-address', cd().address, '-publish-binary', argv[5]!, '-id', id, 'start']);
  t.regex(argv[5]!, /\/containerd$/);
  t.is((await readFile(join(call, 'cwd'), 'utf8')).trim(), join(dir, 'state', 'io.containerd.runtime.v2.task', namespace, id));
  const files = (await readFile(join(call, 'bundle-files'), 'utf8')).split('\n');
  t.true(files.includes('hardrun-shim'), files.join(' '));
  t.false(files.includes('config.orig.json'), 'the bundle holds no copy of the original');
  const spec = JSON.parse(await readFile(join(call, 'config.json'), 'utf8')) as {
    process: { noNewPrivileges?: boolean; capabilities: Record<string, string[]> }; root: { readonly?: boolean }; linux: { seccomp?: unknown; maskedPaths?: string[] };
  };
  const allowed = new Set(defaultHardening.capabilities.allow);
  for (const set of ['bounding', 'effective', 'permitted']) t.deepEqual((spec.process.capabilities[set] ?? []).filter(cap => !allowed.has(cap)), [], set);
  t.true(spec.process.noNewPrivileges);
  t.true(spec.root.readonly);
  t.truthy(spec.linux.seccomp);
  t.true(spec.linux.maskedPaths?.includes('/proc/keys'));
});

test.serial("the front's delete goes to the shim it recorded", async t => {
  const kata = join(dir, 'kata');
  const bundle = join(dir, 'bundle-delete');
  await mkdir(bundle);
  await writeFile(join(bundle, 'hardrun-shim'), `shim\t${join(kata, 'containerd-shim-kata-v2')}\nbackend\tkata\nrule\tdefault\n`);
  const before = (await readdir(join(kata, 'calls'))).length;
  const args = ['-namespace', namespace, '-address', cd().address, '-publish-binary', '/usr/bin/containerd', '-id', 'gone', '-bundle', bundle, 'delete'];
  const front = handlers['hardrun-shim']?.runtime_path ?? '';
  const { execa } = await import('execa');
  const deleted = await execa(front, args, { cwd: bundle, reject: false });
  t.not(deleted.exitCode, 0, 'the stand-in fails');
  const call = join(kata, 'calls', String(before));
  t.deepEqual((await readFile(join(call, 'argv'), 'utf8')).trimEnd().split('\n'), args);
});

async function leftoverStaging(): Promise<string[]> {
  const prefix = stagingDirFor(runcRoot, '');
  return (await readdir('/run/hardrun').catch(() => [])).map(entry => `/run/hardrun/${entry}`).filter(path => path.startsWith(prefix));
}
