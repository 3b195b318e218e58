import test, { type ExecutionContext } from 'ava';
import { appendFile, mkdir, mkdtemp, readFile, readlink, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stagingDirFor } from '../../src/bundle/staging.js';
import { defaultRecordName } from '../../src/state/record.js';
import { run } from '../helpers/dockerd.js';
import { capabilitiesIn } from '../helpers/proc-status.js';
import { runHardrun } from '../helpers/shipped.js';
import { criClient, type CriClient } from '../shim/cri-client.js';
import { logLines, PodStartError, runPod, waitFor, type PodSpec, type RunningPod } from '../shim/kubelet.js';
import { baseConfig, createPodNetwork, saveCriImages, startContainerd, type PrivateContainerd } from '../shim/private-containerd.js';
import { assertHardened, parseProbe, probeScript, serve, type Seen } from '../shim/probe.js';

/**
 * Pods as the kubelet runs them, through a real containerd (Debian's 1.6)
 * and its CRI plugin: RunPodSandbox, init containers run to completion,
 * CreateContainer and StartContainer, ExecSync (exec probes, kubectl exec),
 * the CRI log files (kubectl logs), StopContainer, RemoveContainer,
 * StopPodSandbox, RemovePodSandbox. Each pod runs under the plain `runc`
 * handler (the baseline: what an unhardened node gives), under `hardrun`,
 * and under `hardrun` without the user namespace (docs/kubernetes.md's
 * workaround for pods today), and is judged from inside its containers and
 * from the host.
 */



const image = 'docker.io/library/busybox:latest';
const pauseImage = 'docker.io/library/hardrun-pause:latest';
const criRoot = '/run/containerd/runc/k8s.io';
/** What containerd's CRI gives a container unasked, as CapEff: the 14 default capabilities. */
const criDefaultCapEff = '00000000a80425fb';
let dir = '';
let containerd: PrivateContainerd | undefined;
let podNetwork: { remove(): Promise<void> } | undefined;
let cri: CriClient | undefined;
let hadCniState = false;
const client = (): CriClient => {
  if (cri === undefined) throw new Error('private containerd did not start');
  return cri;
};

test.before(async () => {
  hadCniState = await stat('/var/lib/cni').then(() => true, () => false);
  dir = await mkdtemp('/tmp/hrp-');
  const tarball = join(dir, 'busybox.tar');
  await saveCriImages(tarball);
  const configPath = join(dir, 'config.toml');
  await writeFile(configPath, baseConfig(dir, pauseImage));
  const merged = await runHardrun(['setup', 'containerd', '--config', configPath, '--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid')]);
  if (merged.exitCode !== 0) throw new Error(`setup containerd failed: ${merged.stderr}`);
  const policyWithoutUserns = join(dir, 'policy-nouserns.json');
  await writeFile(policyWithoutUserns, JSON.stringify({ rules: [{ name: 'kubernetes', match: { caller: ['k8s.io'] }, hardening: { userNamespace: { mode: 'off' } } }] }));
  const binaryWithoutUserns = join(dir, 'hardrun-nouserns');
  await writeFile(binaryWithoutUserns, `#!/bin/sh\nHARDRUN_POLICY=${policyWithoutUserns} exec ${join(process.cwd(), 'bin/hardrun')} "$@"\n`, { mode: 0o755 });
  await appendFile(configPath, [
    '',
    `[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.${withoutUserns}]`,
    '  runtime_type = "io.containerd.runc.v2"',
    `  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.${withoutUserns}.options]`,
    `    BinaryName = ${JSON.stringify(binaryWithoutUserns)}`,
    '',
  ].join('\n'));
  podNetwork = await createPodNetwork(dir);
  // A rule for Kubernetes' caller with the built-in hardening, user namespace included.
  const policyPath = join(dir, 'policy.json');
  await writeFile(policyPath, JSON.stringify({ rules: [{ name: 'kubernetes', match: { caller: ['k8s.io'] } }] }));
  containerd = await startContainerd(dir, configPath, 'k8s.io', { HARDRUN_POLICY: policyPath });
  await containerd.ctr(['images', 'import', tarball], { namespace: 'k8s.io', timeout: 120_000 });
  await rm(tarball);
  cri = criClient(join(dir, 'containerd.sock'));
});

test.after.always(async () => {
  cri?.close();
  await containerd?.stop();
  await podNetwork?.remove();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
  await rm(`${criRoot}.hardrun/${defaultRecordName}`, { force: true });
  const cniState = hadCniState ? [] : ['/var/lib/cni/results', '/var/lib/cni'];
  // containerd 1.6 keeps shim sockets under /run/containerd/s whatever its config says: removed when empty.
  for (const path of [`${criRoot}.hardrun`, criRoot, '/run/containerd/runc', '/run/containerd/s', '/run/containerd/fifo', '/run/containerd', ...cniState]) await rmdir(path).catch(() => undefined);
});

/** Runs the pod, hands it to the test, and removes it (checking that removal left nothing of hardrun) even when the test fails. */
async function withPod(t: ExecutionContext, spec: PodSpec): Promise<RunningPod> {
  const pod = await runPod(client(), dir, spec).catch(async (error: unknown) => {
    if (error instanceof PodStartError) await error.pod.remove();
    throw error;
  });
  t.teardown(async () => { await pod.remove(); });
  return pod;
}

/** The probe through ExecSync: what an exec probe or kubectl exec runs as. */
async function probe(t: ExecutionContext, pod: RunningPod, container: string): Promise<Seen> {
  const result = await client().execSync(pod.ids.get(container) ?? '', ['sh', '-c', probeScript]);
  t.is(result.exitCode, 0, `ExecSync in ${container}: ${result.stderr}`);
  return parseProbe(result.stdout);
}

/** The lines a serve() container wrote to its log up to `@@ready` (they include the probe). */
async function readyLines(t: ExecutionContext, pod: RunningPod, container: string): Promise<string[]> {
  const ready = await waitFor(async () => logLines(await pod.log(container)).includes('@@ready'), 15_000);
  t.true(ready, `${container} never logged @@ready: ${await pod.log(container)}`);
  return logLines(await pod.log(container));
}

/** What the container's own process saw of itself, from its log. */
async function seenIn(t: ExecutionContext, pod: RunningPod, container: string): Promise<Seen> {
  return parseProbe((await readyLines(t, pod, container)).join('\n'));
}

/** The value after `@@name ` in a container's log lines. */
function marker(lines: readonly string[], name: string): string | undefined {
  return lines.find(line => line.startsWith(`@@${name} `))?.slice(name.length + 3);
}

/** What a plain runc pod gets: CRI's 14 capabilities, no seccomp, no no_new_privs, host root, a writable root. */
function assertUnhardened(t: ExecutionContext, seen: Seen, what: string): void {
  t.is(seen.status['CapEff'], criDefaultCapEff, `${what}: CapEff`);
  t.is(seen.status['Seccomp'], '0', `${what}: seccomp`);
  t.is(seen.status['NoNewPrivs'], '0', `${what}: no_new_privs`);
  t.deepEqual(seen.uidMap, [0, 0, 4294967295], `${what}: uid_map`);
  t.true(seen.rootWritable, `${what}: root`);
}

/**
 * docs/kubernetes.md's workaround until pods share a user namespace: the
 * `hardrun` handler with `hardening.userNamespace.mode: off` for k8s.io
 * (every other hardening stays). A handler of its own, whose BinaryName
 * names that policy and execs hardrun's launcher.
 */
const withoutUserns = 'hardrun-nouserns';
type Handler = 'runc' | 'hardrun' | typeof withoutUserns;

/** Hardened in every respect but the user namespace: the host's ids. */
function assertHardenedInHostUserns(t: ExecutionContext, seen: Seen, what: string): void {
  assertHardened(t, { ...seen, uidMap: [0, 1, 1] }, what); // everything but the map
  t.deepEqual(seen.uidMap, [0, 0, 4294967295], `${what}: uid_map`);
}

/** The init process of a container, as runc (which CRI's shim calls with this root) reports it. */
async function initPid(id: string): Promise<number> {
  const state = await run('runc', ['--root', criRoot, 'state', id]);
  return (JSON.parse(state.stdout) as { pid: number }).pid;
}

/** The user namespace of each running container of the pod, and of the sandbox, seen from the host. */
async function userNamespaces(pod: RunningPod, names: readonly string[]): Promise<string[]> {
  const ids = [pod.sandboxId, ...names.map(name => pod.ids.get(name) ?? '')];
  return Promise.all(ids.map(async id => readlink(`/proc/${await initPid(id)}/ns/user`)));
}

/** After RemovePodSandbox: no record, staging directory or mount of hardrun for any of the pod's ids. */
async function assertNothingLeft(t: ExecutionContext, ids: readonly string[]): Promise<void> {
  const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
  for (const id of ids) {
    t.false(await exists(`${criRoot}.hardrun/${id}`), `record of ${id}`);
    t.false(await exists(stagingDirFor(criRoot, id)), `staging directory of ${id} under /run/hardrun`);
    t.false(mountinfo.includes(id), `a mount naming ${id}`);
  }
}

const single = (handler: string): PodSpec => ({ name: `single-${handler}`, handler, containers: [{ name: 'app', image, command: serve('echo hello-from-app') }] });

// emptyDir "shared": the writer writes a file and chowns another to 100; the reader reads them.
const sharing = (handler: string): PodSpec => ({
  name: `shared-${handler}`,
  handler,
  containers: [
    { name: 'writer', image, emptyDirs: { shared: '/shared' }, command: serve('echo from-writer > /shared/note && touch /shared/owned-by-100 && chown 100:100 /shared/owned-by-100 && echo wrote') },
    // The reader, as container root, writes there too.
    { name: 'reader', image, emptyDirs: { shared: '/shared' }, command: serve('until [ -f /shared/note ]; do sleep 0.2; done; cat /shared/note; echo from-reader > /shared/reply && echo replied') },
  ],
});

// A logging sidecar: the app appends to a file in an emptyDir, the sidecar streams it to its stdout.
const sidecar = (handler: string): PodSpec => ({
  name: `sidecar-${handler}`,
  handler,
  containers: [
    { name: 'app', image, emptyDirs: { logs: '/var/log/app' }, command: ['sh', '-c', "trap 'exit 0' TERM; i=0; while :; do echo app-line-$i >> /var/log/app/app.log; i=$((i+1)); sleep 1; done"] },
    { name: 'shipper', image, emptyDirs: { logs: '/var/log/app' }, command: ['sh', '-c', `${probeScript}; echo @@ready; trap 'exit 0' TERM; until [ -f /var/log/app/app.log ]; do sleep 0.2; done; tail -f /var/log/app/app.log & wait`] },
  ],
});

// An init container prepares the emptyDir; the app starts only after it exited 0.
const withInit = (handler: string): PodSpec => ({
  name: `init-${handler}`,
  handler,
  initContainers: [{ name: 'prepare', image, emptyDirs: { work: '/work' }, command: ['sh', '-c', 'echo prepared > /work/ready && echo init-done'] }],
  containers: [{ name: 'app', image, emptyDirs: { work: '/work' }, command: serve('cat /work/ready') }],
});

/** The pod tests, each with what is expected of its handler. */
type Define = (title: string, implementation: (t: ExecutionContext) => Promise<void>) => void;

function podTests(handler: Handler, define: Define): void {
  const judge = (t: ExecutionContext, seen: Seen, what: string): void => {
    if (handler === 'runc') assertUnhardened(t, seen, what);
    else if (handler === withoutUserns) assertHardenedInHostUserns(t, seen, what);
    else assertHardened(t, seen, what);
  };

  define(`${handler}: a single-container pod runs; its log, host-side checks, and nothing left after RemovePodSandbox`, async t => {
    const pod = await withPod(t, single(handler));
    judge(t, await seenIn(t, pod, 'app'), 'app');
    t.true((await readyLines(t, pod, 'app')).includes('hello-from-app'));
    t.regex(await pod.log('app'), /^\S+ stdout F hello-from-app$/m, 'CRI log format: time, stream, full line');
    const [sandboxUserns, appUserns] = await userNamespaces(pod, ['app']);
    const hostUserns = await readlink('/proc/self/ns/user');
    if (handler === 'hardrun') {
      t.not(appUserns, hostUserns, 'a user namespace of its own');
      t.is(appUserns, sandboxUserns, "the app container is in its sandbox's user namespace");
    } else {
      t.is(appUserns, hostUserns, `${handler}: the host user namespace`);
    }
    if (handler !== 'runc') {
      const inspected = await runHardrun(['inspect', pod.ids.get('app') ?? '', '--root', criRoot, '--json']);
      const report = JSON.parse(inspected.stdout) as { managed: { rule: string } | null; live: { sharedNamespaces: string[] }; judgements: { property: string; hardened: boolean }[] };
      t.is(report.managed?.rule, 'kubernetes');
      // Without the user namespace, the host's is the one namespace shared beside cgroup (cgroup v1 hosts).
      if (handler === withoutUserns) t.deepEqual(report.live.sharedNamespaces.filter(type => type !== 'cgroup'), ['user']);
      const weaker = handler === withoutUserns ? ['user namespace', 'namespaces shared with the host'] : [];
      t.deepEqual(report.judgements.filter(judgement => !judgement.hardened).map(judgement => judgement.property), weaker, 'what hardrun inspect finds weaker');
    }
    const ids = [pod.sandboxId, ...pod.ids.values()];
    t.deepEqual(await pod.remove(), [], 'every CRI call of the teardown succeeds');
    await assertNothingLeft(t, ids);
  });

  define(`${handler}: ExecSync (exec probes, kubectl exec) runs a process as hardened as the container, with its exit code and output`, async t => {
    const pod = await withPod(t, single(handler));
    await readyLines(t, pod, 'app');
    judge(t, await probe(t, pod, 'app'), 'ExecSync');
    const failed = await client().execSync(pod.ids.get('app') ?? '', ['sh', '-c', 'echo out; echo err >&2; exit 3']);
    t.deepEqual(failed, { stdout: 'out\n', stderr: 'err\n', exitCode: 3 });
  });

  define(`${handler}: two containers share an emptyDir; owners on disk as under runc`, async t => {
    const pod = await withPod(t, sharing(handler));
    t.true((await readyLines(t, pod, 'writer')).includes('wrote'), await pod.log('writer'));
    const reader = await readyLines(t, pod, 'reader');
    t.true(reader.includes('from-writer'), 'the reader reads what the writer wrote');
    t.true(reader.includes('replied'), 'the reader writes there too');
    for (const name of ['reader', 'writer']) judge(t, await seenIn(t, pod, name), name);
    // Files keep their owners: container root writes as uid 0 on disk, a chown 100 gives 100.
    const owner = async (file: string): Promise<string> => { const info = await stat(join(pod.emptyDir('shared'), file)); return `${info.uid}:${info.gid}`; };
    t.is(await owner('note'), '0:0');
    t.is(await owner('reply'), '0:0');
    t.is(await owner('owned-by-100'), '100:100');
    if (handler !== 'runc') {
      const namespaces = await userNamespaces(pod, ['writer', 'reader']);
      t.is(new Set(namespaces).size, 1, `one user namespace per pod: ${namespaces.join(' ')}`);
      if (handler === withoutUserns) t.is(namespaces[0], await readlink('/proc/self/ns/user'), "the host's");
    }
  });

  define(`${handler}: a logging sidecar streams the app's file to its own log`, async t => {
    const pod = await withPod(t, sidecar(handler));
    t.true(await waitFor(async () => logLines(await pod.log('shipper')).includes('app-line-1'), 15_000), await pod.log('shipper'));
    judge(t, await seenIn(t, pod, 'shipper'), 'shipper');
  });

  // kubectl cp runs tar in the container through Exec: `tar cf -` to copy
  // out, `tar xmf - -C DIR` with the archive on its stdin to copy in.
  // ExecSync carries no stdin, so the archive goes in as base64 on the
  // command line and is piped to the same tar inside the container.
  define(`${handler}: kubectl cp's tar copies into an emptyDir, keeping owners, and out again; into the root only where it is writable`, async t => {
    const pod = await withPod(t, { name: `cp-${handler}`, handler, containers: [{ name: 'app', image, emptyDirs: { data: '/data' }, command: serve('true') }] });
    await readyLines(t, pod, 'app');
    const app = pod.ids.get('app') ?? '';
    const source = await mkdtemp(join(dir, 'cp-'));
    t.teardown(() => rm(source, { recursive: true, force: true }));
    await mkdir(join(source, 'cp-src'));
    await writeFile(join(source, 'cp-src', 'hello.txt'), 'copied-in\n');
    await run('chown', ['-R', '1000:1000', join(source, 'cp-src')]);
    await run('tar', ['-C', source, '-cf', join(source, 'in.tar'), 'cp-src']);
    const archive = (await readFile(join(source, 'in.tar'))).toString('base64');
    const copyIn = (target: string) => client().execSync(app, ['sh', '-c', `echo ${archive} | base64 -d | tar -xmf - -C ${target}`]);
    const intoVolume = await copyIn('/data');
    t.is(intoVolume.exitCode, 0, `into the emptyDir: ${intoVolume.stderr}`);
    const onDisk = await stat(join(pod.emptyDir('data'), 'cp-src', 'hello.txt'));
    t.is(`${onDisk.uid}:${onDisk.gid}`, '1000:1000', 'the archive\'s owners, on the node\'s disk');
    t.is(await readFile(join(pod.emptyDir('data'), 'cp-src', 'hello.txt'), 'utf8'), 'copied-in\n');
    const intoRoot = await copyIn('/');
    if (handler === 'runc') t.is(intoRoot.exitCode, 0, `runc: the root is writable: ${intoRoot.stderr}`);
    else {
      t.not(intoRoot.exitCode, 0, 'into the read-only root');
      t.regex(intoRoot.stderr, /Read-only file system/);
    }
    const out = await client().execSync(app, ['sh', '-c', 'tar -cf - -C /data cp-src | base64']);
    t.is(out.exitCode, 0, `out of the emptyDir: ${out.stderr}`);
    await writeFile(join(source, 'out.tar'), Buffer.from(out.stdout.replace(/\s/g, ''), 'base64'));
    await mkdir(join(source, 'out'));
    await run('tar', ['-C', join(source, 'out'), '-xf', join(source, 'out.tar')]);
    t.is(await readFile(join(source, 'out', 'cp-src', 'hello.txt'), 'utf8'), 'copied-in\n', 'what came out is what went in');
  });

  define(`${handler}: an init container runs to completion before the app starts`, async t => {
    const pod = await withPod(t, withInit(handler));
    const init = await client().containerStatus(pod.ids.get('prepare') ?? '');
    t.like(init, { state: 'CONTAINER_EXITED', exitCode: 0 });
    t.deepEqual(logLines(await pod.log('prepare')), ['init-done']);
    t.true((await readyLines(t, pod, 'app')).includes('prepared'), 'the app sees what the init container prepared');
    judge(t, await seenIn(t, pod, 'app'), 'app');
  });

  define(`${handler}: securityContext runAsUser, drop ALL and allowPrivilegeEscalation false are kept`, async t => {
    const pod = await withPod(t, {
      name: `context-${handler}`,
      handler,
      containers: [{ name: 'app', image, command: serve('true'), securityContext: { runAsUser: { value: 1000 }, capabilities: { dropCapabilities: ['ALL'] }, noNewPrivs: true, readonlyRootfs: true } }],
    });
    const seen = await seenIn(t, pod, 'app');
    t.is(seen.status['Uid']?.split(/\s+/)[0], '1000');
    t.is(seen.status['CapEff'], '0000000000000000');
    t.is(seen.status['NoNewPrivs'], '1');
    t.false(seen.rootWritable, 'readOnlyRootFilesystem');
  });

  define(`${handler}: seccompProfile RuntimeDefault, procMount Unmasked, a secret volume and a hostPath`, async t => {
    // A secret as the kubelet makes it: a tmpfs of its own under the pod's volumes, files of root, mounted read-only.
    const secret = join(dir, `secret-${handler}`);
    const data = join(dir, `hostpath-${handler}`);
    await mkdir(secret);
    await mkdir(data);
    await run('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0755', 'tmpfs', secret]);
    t.teardown(async () => { await run('umount', ['--lazy', secret], { reject: false }); });
    await writeFile(join(secret, 'token'), 'a-token\n', { mode: 0o644 });
    await writeFile(join(secret, 'key'), 'a-key\n', { mode: 0o400 });
    const pod = await withPod(t, {
      name: `settings-${handler}`,
      handler,
      containers: [{
        name: 'app',
        image,
        command: serve([
          'echo "@@keys $(grep -c \' /proc/keys \' /proc/self/mountinfo)"',
          'echo "@@secret $(cat /var/run/secrets/kubernetes.io/serviceaccount/token /var/run/secrets/kubernetes.io/serviceaccount/key | tr \'\\n\' ,)"',
          'if echo x 2>/dev/null > /var/run/secrets/kubernetes.io/serviceaccount/token; then echo "@@secret-write ok"; else echo "@@secret-write refused"; fi',
          'echo x > /data/file && chown 100:100 /data/file && echo "@@hostpath ok"',
        ].join('; ')),
        hostPaths: [{ hostPath: secret, containerPath: '/var/run/secrets/kubernetes.io/serviceaccount', readonly: true }, { hostPath: data, containerPath: '/data' }],
        securityContext: { seccomp: { profileType: 'RuntimeDefault' }, maskedPaths: [], readonlyPaths: [] },
      }],
    });
    const lines = await readyLines(t, pod, 'app');
    t.is(parseProbe(lines.join('\n')).status['Seccomp'], '2', 'RuntimeDefault: a filter');
    // Masked paths are bind mounts over them (this kernel has no /proc/kcore); Unmasked asks for none.
    if (handler === 'runc') t.is(marker(lines, 'keys'), '0', 'runc: Unmasked leaves /proc/keys as it is');
    else t.not(marker(lines, 'keys'), '0', 'hardrun masks /proc/keys again');
    t.is(marker(lines, 'secret'), 'a-token,a-key,', "container root reads the secret's files, 0644 and 0400");
    t.is(marker(lines, 'secret-write'), 'refused', 'the secret volume is read-only');
    t.is(marker(lines, 'hostpath'), 'ok', lines.join('\n'));
    const info = await stat(join(data, 'file'));
    t.is(`${info.uid}:${info.gid}`, '100:100', 'a hostPath keeps owners as under runc');
  });

  define(`${handler}: a configMap and a secret volume at the kubelet's own paths, as its atomic writer lays them out`, async t => {
    const volumes = await kubeletVolumes(t);
    const pod = await withPod(t, {
      name: `volumes-${handler}`,
      handler,
      containers: [{
        name: 'app',
        image,
        command: serve([
          'echo "@@config $(cat /etc/config/app.conf)"',
          'echo "@@secret $(cat /etc/creds/password)"',
          'for path in /etc/config/app.conf /etc/creds/password; do if echo x 2>/dev/null > $path; then echo "@@write $path ok"; else echo "@@write $path refused"; fi; done',
        ].join('; ')),
        hostPaths: [{ hostPath: volumes.configMap, containerPath: '/etc/config', readonly: true }, { hostPath: volumes.secret, containerPath: '/etc/creds', readonly: true }],
      }],
    });
    const lines = await readyLines(t, pod, 'app');
    t.is(marker(lines, 'config'), 'level=debug', 'the configMap key, read through its ..data link');
    t.is(marker(lines, 'secret'), 's3cret', 'the secret key, read through its ..data link');
    t.is(marker(lines, 'write /etc/config/app.conf'), 'refused');
    t.is(marker(lines, 'write /etc/creds/password'), 'refused');
    judge(t, parseProbe(lines.join('\n')), 'app');
  });
}

/**
 * A configMap and a secret volume where the kubelet keeps them,
 * /var/lib/kubelet/pods/<pod uid>/volumes/kubernetes.io~<type>/<name>,
 * laid out as its atomic writer does (each key a link into `..data`, a link
 * to a timestamped directory); the secret on a tmpfs of its own. The
 * sensitive-mounts check judges these real paths (/var/lib/kubelet is
 * sensitive, the pods' volumes below it are allowed). Removed afterwards,
 * with /var/lib/kubelet itself when this test made it.
 */
async function kubeletVolumes(t: ExecutionContext): Promise<{ configMap: string; secret: string }> {
  const kubelet = '/var/lib/kubelet';
  const made = await stat(kubelet).then(() => undefined, () => kubelet);
  const podDir = join(kubelet, 'pods', `hardrun-test-${process.pid}-${Date.now()}`);
  const configMap = join(podDir, 'volumes', 'kubernetes.io~configmap', 'settings');
  const secret = join(podDir, 'volumes', 'kubernetes.io~secret', 'creds');
  t.teardown(async () => {
    await run('umount', ['--lazy', secret], { reject: false });
    await rm(podDir, { recursive: true, force: true });
    if (made !== undefined) await rm(made, { recursive: true, force: true });
    else await rmdir(join(kubelet, 'pods')).catch(() => undefined);
  });
  await mkdir(configMap, { recursive: true });
  await mkdir(secret, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0755', 'tmpfs', secret]);
  for (const [volume, key, value] of [[configMap, 'app.conf', 'level=debug'], [secret, 'password', 's3cret']] as const) {
    const stamped = '..2026_12_07_00_00_00.000000001';
    await mkdir(join(volume, stamped));
    await writeFile(join(volume, stamped, key), `${value}\n`, { mode: 0o644 });
    await run('ln', ['-s', stamped, join(volume, '..data')]);
    await run('ln', ['-s', `..data/${key}`, join(volume, key)]);
  }
  return { configMap, secret };
}

podTests('runc', (title, implementation) => test.serial(title, implementation));
podTests(withoutUserns, (title, implementation) => test.serial(title, implementation));
podTests('hardrun', (title, implementation) => test.serial(title, implementation));

// What hardrun refuses in a pod, and how the kubelet hears it. These need no app container running under hardrun.

for (const [setting, options, sentence] of [
  ['hostNetwork', { hostNetwork: true }, /shares the host's network namespace/],
  ['hostPID', { hostPID: true }, /shares the host's pid namespace/],
  ['hostIPC', { hostIPC: true }, /shares the host's IPC namespace/],
] as const) {
  test.serial(`runc: a ${setting} pod runs`, async t => {
    const pod = await withPod(t, { name: `${setting.toLowerCase()}-runc`, handler: 'runc', containers: [], ...options });
    t.regex(pod.sandboxId, /^[0-9a-f]{64}$/);
  });

  test.serial(`hardrun: a ${setting} pod is refused at RunPodSandbox with the sentence`, async t => {
    const error = await t.throwsAsync(withPod(t, { name: `${setting.toLowerCase()}-hardrun`, handler: 'hardrun', containers: [], ...options }));
    t.regex(error.message, /RunPodSandbox: /);
    t.regex(error.message, sentence);
  });
}

test.serial('runc: a privileged container gets every capability', async t => {
  const pod = await withPod(t, { name: 'privileged-runc', handler: 'runc', containers: [{ name: 'app', image, command: serve('up'), securityContext: { privileged: true } }] });
  const seen = await probe(t, pod, 'app');
  t.true(capabilitiesIn(seen.status['CapEff'] ?? '0').includes('CAP_SYS_ADMIN'));
});

test.serial('hardrun: a privileged container is refused at StartContainer with the sentence', async t => {
  const error = await t.throwsAsync(withPod(t, { name: 'privileged-hardrun', handler: 'hardrun', containers: [{ name: 'app', image, command: serve('up'), securityContext: { privileged: true } }] }));
  t.regex(error.message, /^StartContainer app: /);
  t.regex(error.message, /hardrun refused this container: .*every capability and device \(--privileged\)/);
});

test.serial('hardrun: capabilities.add NET_ADMIN is refused at StartContainer with the sentence', async t => {
  const error = await t.throwsAsync(withPod(t, { name: 'netadmin-hardrun', handler: 'hardrun', containers: [{ name: 'app', image, command: serve('up'), securityContext: { capabilities: { addCapabilities: ['NET_ADMIN'] } } }] }));
  t.regex(error.message, /hardrun refused this container: .*CAP_NET_ADMIN/);
});

test.serial('hardrun: a hostPath of /etc is refused at StartContainer with the sentence', async t => {
  const error = await t.throwsAsync(withPod(t, { name: 'hostpath-hardrun', handler: 'hardrun', containers: [{ name: 'app', image, command: serve('up'), hostPaths: [{ hostPath: '/etc', containerPath: '/host-etc', readonly: true }] }] }));
  t.regex(error.message, /hardrun refused this container: .*\/etc/);
});
