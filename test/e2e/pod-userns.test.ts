import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { readFile, readdir, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { stagingDirFor } from '../../src/bundle/staging.js';
import { claimsDir } from '../../src/state/id-slots.js';
import { hostMountsOfHardrun } from '../helpers/hardrun-docker.js';
import { makeBundle, makeRootfs, runc, scratch } from '../helpers/runc-bundle.js';
import { launcherPath, runHardrun } from '../helpers/shipped.js';

/**
 * A Kubernetes pod as containerd's CRI hands it to its runtime, driven
 * through hardrun and the real runc without a daemon: the sandbox joins a
 * network namespace made beforehand (owned by the host's user namespace, as
 * CNI's is), the application container joins the sandbox's IPC, UTS and
 * network namespaces by path and carries CRI's annotations. The container
 * joins the sandbox's user namespace and host range, mounts its mqueue,
 * keeps its files' owners, takes `exec`, and the range goes with the last
 * delete.
 */
const sandboxType = 'io.kubernetes.cri.container-type';
const sandboxIdKey = 'io.kubernetes.cri.sandbox-id';

interface Pod {
  readonly dir: string;
  readonly root: string;
  readonly netns: string;
  readonly policy: string;
}

async function makePod(t: ExecutionContext): Promise<Pod> {
  const dir = await scratch(t, 'hardrun-pod-');
  const name = `hardrun-pod-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
  await execa('ip', ['netns', 'add', name]);
  t.teardown(() => execa('ip', ['netns', 'delete', name], { reject: false }).then(() => undefined));
  const root = join(dir, 'state');
  // Whatever the test leaves running goes, through runc itself.
  t.teardown(async () => {
    const listed = await execa(runc, ['--root', root, 'list', '-q'], { reject: false });
    for (const id of listed.stdout.split('\n').filter(Boolean)) {
      await execa(runc, ['--root', root, 'delete', '--force', id], { reject: false });
    }
  });
  const policy = join(dir, 'policy.json');
  await writeFile(policy, JSON.stringify({ audit: { file: join(dir, 'audit.log') } }));
  return { dir, root, netns: `/run/netns/${name}`, policy };
}

interface SpecShape {
  annotations?: Record<string, string>;
  linux: { namespaces: { type: string; path?: string }[]; sysctl?: Record<string, string> };
}

async function podBundle(pod: Pod, name: string, annotations: Record<string, string>, namespaces: SpecShape['linux']['namespaces'], sysctl?: Record<string, string>): Promise<string> {
  const bundle = join(pod.dir, name);
  await makeRootfs(join(bundle, 'rootfs'));
  await symlink('busybox', join(bundle, 'rootfs', 'bin', 'sleep'));
  await symlink('busybox', join(bundle, 'rootfs', 'bin', 'readlink'));
  await makeBundle(bundle, ['sleep', '1000']);
  const path = join(bundle, 'config.json');
  const spec = JSON.parse(await readFile(path, 'utf8')) as SpecShape;
  spec.annotations = annotations;
  spec.linux.namespaces = namespaces;
  if (sysctl !== undefined) spec.linux.sysctl = sysctl;
  await writeFile(path, JSON.stringify(spec));
  return bundle;
}

/** `hardrun create` then `start`, the container's stdio in files (a pipe would stay open with it). */
async function createAndStart(pod: Pod, bundle: string, id: string): Promise<{ exitCode: number; stderr: string }> {
  const err = join(pod.dir, `${id}.err`);
  const out = openSync(join(pod.dir, `${id}.out`), 'w');
  const errFd = openSync(err, 'w');
  let created: SpawnSyncReturns<Buffer>;
  try {
    // Files, not pipes, which a caller would wait on as long as the container holds them.
    created = spawnSync(launcherPath, ['--policy', pod.policy, '--root', pod.root, 'create', '--bundle', bundle, id], { cwd: bundle, stdio: ['ignore', out, errFd] });
  } finally {
    closeSync(out);
    closeSync(errFd);
  }
  const stderr = await readFile(err, 'utf8');
  if (created.status !== 0) return { exitCode: created.status ?? 128, stderr };
  const started = await runHardrun(['--policy', pod.policy, '--root', pod.root, 'start', id]);
  return { exitCode: started.exitCode, stderr: stderr + started.stderr };
}

async function initPid(pod: Pod, id: string): Promise<number> {
  const state = await runHardrun(['--root', pod.root, 'state', id]);
  return (JSON.parse(state.stdout) as { pid: number }).pid;
}

async function execIn(pod: Pod, id: string, script: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return runHardrun(['--policy', pod.policy, '--root', pod.root, 'exec', id, 'sh', '-c', script]);
}

async function remove(pod: Pod, id: string): Promise<number> {
  return (await runHardrun(['--policy', pod.policy, '--root', pod.root, 'delete', '--force', id])).exitCode;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

function sandboxNamespaces(netns: string): SpecShape['linux']['namespaces'] {
  return [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }, { type: 'network', path: netns }];
}

function memberNamespaces(netns: string, sandboxPid: number): SpecShape['linux']['namespaces'] {
  return [{ type: 'pid' }, { type: 'mount' }, { type: 'ipc', path: `/proc/${sandboxPid}/ns/ipc` }, { type: 'uts', path: `/proc/${sandboxPid}/ns/uts` }, { type: 'network', path: netns }];
}

test('a pod: the application container joins the sandbox\'s user namespace and range, mounts mqueue, keeps owners, takes exec; the range goes with the last delete', async t => {
  const pod = await makePod(t);
  const sandboxId = 'pod-sandbox';
  // containerd 2's defaults for a sandbox (enable_unprivileged_ports, enable_unprivileged_icmp).
  const sysctl = { 'net.ipv4.ip_unprivileged_port_start': '0', 'net.ipv4.ping_group_range': '0 2147483647' };
  const sandbox = await podBundle(pod, 'sandbox', { [sandboxType]: 'sandbox', [sandboxIdKey]: sandboxId }, sandboxNamespaces(pod.netns), sysctl);
  const sandboxRun = await createAndStart(pod, sandbox, sandboxId);
  t.is(sandboxRun.exitCode, 0, sandboxRun.stderr);
  const sandboxPid = await initPid(pod, sandboxId);
  const sandboxUserns = await readlink(`/proc/${sandboxPid}/ns/user`);
  const uidMap = await readFile(`/proc/${sandboxPid}/uid_map`, 'utf8');
  const hostUid = Number(/^\s*0\s+(\d+)\s+65536\s*$/.exec(uidMap)?.[1]);
  t.true(hostUid > 0, uidMap);
  const netnsInode = (await stat(pod.netns)).ino;
  t.is((await stat(`/proc/${sandboxPid}/ns/net`)).ino, netnsInode, 'the sandbox is in the pod\'s network namespace');
  const netnsName = pod.netns.slice('/run/netns/'.length);
  const written = await execa('ip', ['netns', 'exec', netnsName, 'cat', '/proc/sys/net/ipv4/ip_unprivileged_port_start', '/proc/sys/net/ipv4/ping_group_range']);
  t.deepEqual(written.stdout.split('\n').map(line => line.replace(/\s+/g, ' ')), ['0', '0 65535'], 'the sandbox\'s net sysctls set in the pod\'s network namespace, ping_group_range narrowed to the mapped groups');

  const app = await podBundle(pod, 'app', { [sandboxType]: 'container', [sandboxIdKey]: sandboxId }, memberNamespaces(pod.netns, sandboxPid));
  const explained = await runHardrun(['explain', '--policy', pod.policy, '--root', pod.root, '--bundle', app]);
  t.regex(explained.stdout, /joined the user namespace of its pod's sandbox \(\/proc\/\d+\/ns\/user\)/, explained.stdout + explained.stderr);
  const appRun = await createAndStart(pod, app, 'pod-app');
  t.is(appRun.exitCode, 0, appRun.stderr + await readFile(join(pod.dir, 'audit.log'), 'utf8'));
  const appPid = await initPid(pod, 'pod-app');
  t.is(await readlink(`/proc/${appPid}/ns/user`), sandboxUserns, 'one user namespace for the pod');
  t.is(await readFile(`/proc/${appPid}/uid_map`, 'utf8'), uidMap);
  for (const type of ['ipc', 'uts']) t.is(await readlink(`/proc/${appPid}/ns/${type}`), await readlink(`/proc/${sandboxPid}/ns/${type}`));
  t.is((await stat(`/proc/${appPid}/ns/net`)).ino, netnsInode, 'the container is in the pod\'s network namespace');
  t.regex(await readFile(`/proc/${appPid}/mountinfo`, 'utf8'), / \/dev\/mqueue .* - mqueue /, 'mqueue mounted');
  t.regex(await readFile(join(pod.root + '.hardrun', 'pod-app'), 'utf8'), new RegExp(`\\npod\\t${sandboxId}\\n`));

  // exec: into the container and into the sandbox, in the pod's network namespace, files with their owners.
  for (const id of ['pod-app', sandboxId]) {
    const result = await execIn(pod, id, 'id -u; stat -c "%u:%g" /etc/passwd /srv/svc; readlink /proc/self/ns/net; cat /proc/self/uid_map');
    t.is(result.exitCode, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    t.deepEqual(lines.slice(0, 4), ['0', '0:0', '1000:1000', `net:[${netnsInode}]`], `${id}: ${result.stdout}`);
    t.regex(lines[4] ?? '', new RegExp(`^\\s*0\\s+${hostUid}\\s+65536$`));
  }

  const inspected = await runHardrun(['inspect', '--root', pod.root, 'pod-app']);
  t.regex(inspected.stdout, /\npod: a container of sandbox pod-sandbox, one user namespace and host range for the pod\n/, inspected.stdout + inspected.stderr);
  t.regex(inspected.stdout, /verdict: hardened/);
  t.regex((await runHardrun(['inspect', '--root', pod.root, sandboxId])).stdout, /\npod: sandbox of 1 container\(s\) \(pod-app\)/);

  // One claim, two entries; the container's delete leaves the sandbox's range.
  const claim = join(claimsDir, String(hostUid));
  t.is((await readdir(claim)).length, 2);
  t.is(await remove(pod, 'pod-app'), 0);
  t.deepEqual((await readdir(claim)).length, 1, 'the range stays with the sandbox');
  t.false(await exists(stagingDirFor(pod.root, 'pod-app')));
  t.is(await remove(pod, sandboxId), 0);
  t.false(await exists(claim), 'the range is freed with the sandbox');
  t.false(await exists(stagingDirFor(pod.root, sandboxId)));
  t.deepEqual((await readdir(`${pod.root}.hardrun`)).filter(name => name !== '@default'), []);
  t.deepEqual(await hostMountsOfHardrun(), []);
});

test('a container of a pod whose sandbox is deleted first keeps the range until its own delete', async t => {
  const pod = await makePod(t);
  const sandbox = await podBundle(pod, 'sandbox', { [sandboxType]: 'sandbox', [sandboxIdKey]: 'early-sandbox' }, sandboxNamespaces(pod.netns));
  t.is((await createAndStart(pod, sandbox, 'early-sandbox')).exitCode, 0);
  const sandboxPid = await initPid(pod, 'early-sandbox');
  const hostUid = /^\s*0\s+(\d+)/.exec(await readFile(`/proc/${sandboxPid}/uid_map`, 'utf8'))?.[1] ?? '';
  const app = await podBundle(pod, 'app', { [sandboxType]: 'container', [sandboxIdKey]: 'early-sandbox' }, memberNamespaces(pod.netns, sandboxPid));
  const appRun = await createAndStart(pod, app, 'late-app');
  t.is(appRun.exitCode, 0, appRun.stderr);
  const claim = join(claimsDir, hostUid);
  t.is(await remove(pod, 'early-sandbox'), 0);
  t.true(await exists(claim), 'a live container of the pod still holds the range');
  t.is(await remove(pod, 'late-app'), 0);
  t.false(await exists(claim));
  t.deepEqual((await readdir(`${pod.root}.hardrun`)).filter(name => name !== '@default'), []);
});

test('joining namespaces of a process hardrun did not create is refused with the sentence, and nothing is left', async t => {
  const pod = await makePod(t);
  // A process of the host's user namespace, in an IPC namespace of its own (not the host's, which another check refuses).
  const stranger = execa('unshare', ['--ipc', 'sleep', '1000'], { reject: false });
  t.teardown(() => {
    stranger.kill('SIGKILL');
  });
  const pid = stranger.pid ?? 0;
  await new Promise(resolve => setTimeout(resolve, 200));
  const bundle = await podBundle(pod, 'app', { [sandboxType]: 'container', [sandboxIdKey]: 'nobody' }, [{ type: 'pid' }, { type: 'mount' }, { type: 'ipc', path: `/proc/${pid}/ns/ipc` }, { type: 'uts' }, { type: 'network', path: pod.netns }]);
  const result = await createAndStart(pod, bundle, 'stray');
  t.not(result.exitCode, 0);
  t.regex(result.stderr, new RegExp(`hardrun refused this container: linux\\.namespaces: the ipc namespace /proc/${pid}/ns/ipc belongs to a process in the host's user namespace, not to a container of hardrun's \\(.*set hardening\\.userNamespace\\.mode to off for both\\) \\(rule default\\)`));
  t.deepEqual((await readdir(`${pod.root}.hardrun`).catch(() => [])).filter(name => name !== '@default'), []);
  t.false(await exists(stagingDirFor(pod.root, 'stray')));
});
