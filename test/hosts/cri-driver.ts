// The pod checks of the host suite (guest/suite.sh), run inside a guest
// against its own containerd's CRI, as the kubelet drives it: the same
// client and kubelet steps as test/e2e/cri-pods.test.ts (test/shim/),
// compiled by run.sh with Bun into one executable on the test disk, since
// the guests have neither Node nor crictl.
//
//   cri-driver --socket SOCK --proto FILE --dir DIR --image REF [--handler hardrun] [--cgroup-driver cgroupfs|systemd] [--label TEXT]
//
// Prints one line per check in the suite's format ("ok   NAME: detail" or
// "FAIL NAME: detail", evidence as "# " lines) and exits 1 when a check failed.
import { readFile, readlink, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stagingDirFor } from '../../src/bundle/staging.js';
import { defaultHardening } from '../../src/harden/units.js';
import { capabilitiesIn } from '../helpers/proc-status.js';
import { criClient, useCriProto } from '../shim/cri-client.js';
import { logLines, PodStartError, runPod, waitFor, type PodSpec, type RunningPod } from '../shim/kubelet.js';
import { parseProbe, probeScript, serve, type Seen } from '../shim/probe.js';

const { values: options } = parseArgs({
  options: {
    socket: { type: 'string', default: '/run/containerd/containerd.sock' },
    proto: { type: 'string' },
    dir: { type: 'string' },
    image: { type: 'string' },
    handler: { type: 'string', default: 'hardrun' },
    'runc-root': { type: 'string', default: '/run/containerd/runc/k8s.io' },
    label: { type: 'string', default: 'containerd' },
    'cgroup-driver': { type: 'string', default: 'cgroupfs' },
  },
});
if (options.proto === undefined || options.dir === undefined || options.image === undefined) {
  process.stderr.write('usage: cri-driver --socket SOCK --proto FILE --dir DIR --image REF [--handler hardrun] [--runc-root DIR] [--cgroup-driver cgroupfs|systemd] [--label TEXT]\n');
  process.exit(2);
}
const proto: string = options.proto;
const dir: string = options.dir;
const image: string = options.image;
const { socket, handler, label } = options;
const criRoot = options['runc-root'];
const cgroupDriver = options['cgroup-driver'];
useCriProto(proto);
const cri = criClient(socket, 180_000);

let failures = 0;
const report = (name: string, ok: boolean, detail: string): void => {
  if (!ok) failures++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail} (${label})\n`);
};
const note = (text: string): void => { process.stdout.write(text.split('\n').map(line => `#   ${line}\n`).join('')); };

/** What is not hardened in what a container saw of itself: empty when all of it is. */
const allowed = new Set(defaultHardening.capabilities.allow);
function weaknesses(seen: Seen): string[] {
  const found: string[] = [];
  const beyond = capabilitiesIn(seen.status['CapEff'] ?? 'ffffffffff').filter(name => !allowed.has(name));
  if (beyond.length > 0) found.push(`CapEff has ${beyond.join(',')}`);
  if (seen.status['CapEff'] === undefined) found.push('no CapEff seen');
  if (seen.status['Seccomp'] !== '2') found.push(`Seccomp ${seen.status['Seccomp'] ?? '?'}`);
  if (seen.status['NoNewPrivs'] !== '1') found.push(`NoNewPrivs ${seen.status['NoNewPrivs'] ?? '?'}`);
  if (seen.uidMap[0] !== 0 || !((seen.uidMap[1] ?? 0) > 0)) found.push(`uid_map ${seen.uidMap.join(' ')}`);
  if (seen.rootWritable) found.push('/ took a write');
  return found;
}
const described = (seen: Seen): string =>
  `CapEff ${seen.status['CapEff'] ?? '?'}, NoNewPrivs ${seen.status['NoNewPrivs'] ?? '?'}, Seccomp ${seen.status['Seccomp'] ?? '?'}, root ${seen.rootWritable ? 'writable' : 'read-only'}, uid_map ${seen.uidMap.join(' ')}`;

/** The user namespace of a container's init process, seen from the host (runc's state under containerd's root). */
async function userNamespaceOf(id: string): Promise<string> {
  return readlink(`/proc/${initPid(id)}/ns/user`);
}

function initPid(id: string): number {
  return (JSON.parse(execFileSync('runc', ['--root', criRoot, 'state', id], { encoding: 'utf8' })) as { pid: number }).pid;
}

/** A container's cgroup v2 path, seen from the host: a systemd scope under the systemd driver, a plain directory under cgroupfs. */
async function cgroupOf(id: string): Promise<string> {
  const lines = (await readFile(`/proc/${initPid(id)}/cgroup`, 'utf8')).split('\n');
  // cgroup v2's one line; on a v1 host, the first hierarchy that names the container.
  const line = lines.find(entry => entry.startsWith('0::') && entry.includes(id)) ?? lines.find(entry => entry.includes(id)) ?? lines[0] ?? '';
  return line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
}

async function ownerOf(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  return info === undefined ? 'missing' : `${info.uid}:${info.gid}`;
}

/** Teardown in the kubelet's order, then what hardrun left for any of the pod's ids. */
async function removeAndCheck(pod: RunningPod, what: string): Promise<void> {
  const ids = [pod.sandboxId, ...pod.ids.values()].filter(Boolean);
  const errors = await pod.remove();
  report(`pod-teardown-${what}`, errors.length === 0, errors.length === 0
    ? `StopContainer, RemoveContainer, StopPodSandbox, RemovePodSandbox of ${ids.length} id(s) succeed`
    : errors.join('; ').slice(0, 400));
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
  const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);
  const left: string[] = [];
  for (const id of ids) {
    if (await exists(`${criRoot}.hardrun/${id}`)) left.push(`record ${criRoot}.hardrun/${id}`);
    if (await exists(stagingDirFor(criRoot, id))) left.push(`staging ${stagingDirFor(criRoot, id)}`);
    if (mountinfo.includes(id)) left.push(`a mount naming ${id.slice(0, 12)}`);
  }
  report(`pod-nothing-left-${what}`, left.length === 0, left.length === 0
    ? `no record, staging directory or mount of hardrun for the ${ids.length} id(s) after RemovePodSandbox`
    : left.join('; '));
}

// Under the systemd driver, a slice as the kubelet names a pod's (containerd
// makes runc's `slice:cri-containerd:<id>` from a parent ending in .slice).
const cgroupParent = cgroupDriver === 'systemd' ? { cgroupParent: 'hardrun_test-pods.slice' } : {};

// One pod: an init container prepares the emptyDir; the writer and the reader share it.
const shared: PodSpec = {
  name: 'hosts-shared',
  handler,
  ...cgroupParent,
  initContainers: [{ name: 'prepare', image, emptyDirs: { shared: '/shared' }, command: ['sh', '-c', 'echo prepared > /shared/ready && echo init-done'] }],
  containers: [
    { name: 'writer', image, emptyDirs: { shared: '/shared' }, command: serve('cat /shared/ready; echo from-writer > /shared/note && touch /shared/owned-by-100 && chown 100:100 /shared/owned-by-100 && echo wrote') },
    { name: 'reader', image, emptyDirs: { shared: '/shared' }, command: serve('until [ -f /shared/note ]; do sleep 0.2; done; cat /shared/note; echo from-reader > /shared/reply && echo replied') },
  ],
};

async function sharedPod(): Promise<void> {
  let pod: RunningPod;
  try {
    pod = await runPod(cri, dir, shared);
  } catch (error) {
    report('pod-start', false, `${handler}: ${(error as Error).message}`.slice(0, 400));
    if (error instanceof PodStartError) await removeAndCheck(error.pod, 'shared');
    return;
  }
  try {
    report('pod-start', true, `RunPodSandbox (handler ${handler}), init container prepare ran to exit 0, writer and reader started`);
    const lines = async (name: string): Promise<string[]> => logLines(await pod.log(name));
    const ready = await Promise.all(['writer', 'reader'].map(name => waitFor(async () => (await lines(name)).includes('@@ready'), 60_000)));
    if (!ready.every(Boolean)) for (const name of ['writer', 'reader']) note(`${name}'s log:\n${await pod.log(name)}`);
    const seen = { writer: parseProbe((await lines('writer')).join('\n')), reader: parseProbe((await lines('reader')).join('\n')) };
    for (const [name, view] of Object.entries(seen)) {
      const weak = weaknesses(view);
      report(`pod-hardened-${name}`, weak.length === 0, weak.length === 0 ? `from inside: ${described(view)}` : `${weak.join('; ')} (${described(view)})`);
    }
    const [sandboxNs, writerNs, readerNs] = await Promise.all([pod.sandboxId, pod.ids.get('writer')!, pod.ids.get('reader')!].map(id => userNamespaceOf(id).catch((error: unknown) => `? ${String(error)}`)));
    const hostNs = await readlink('/proc/self/ns/user');
    const sameMap = seen.writer.uidMap.join(' ') === seen.reader.uidMap.join(' ');
    report('pod-userns', sameMap && writerNs === readerNs && writerNs === sandboxNs && writerNs !== hostNs,
      `uid_map ${seen.writer.uidMap.join(' ')} in the writer, ${seen.reader.uidMap.join(' ')} in the reader; from the host: sandbox ${sandboxNs}, writer ${writerNs}, reader ${readerNs}, host ${hostNs}`);
    const writerId = pod.ids.get('writer')!;
    const cgroup = await cgroupOf(writerId).catch((error: unknown) => `? ${String(error)}`);
    const scoped = cgroup.endsWith(`cri-containerd-${writerId}.scope`);
    report('pod-cgroup', cgroupDriver === 'systemd' ? scoped : !scoped && cgroup.includes(writerId),
      `the writer's cgroup, from the host: ${cgroup} (want ${cgroupDriver === 'systemd' ? 'the systemd scope cri-containerd-ID.scope' : 'a cgroupfs directory named for the container'})`);
    const reader = await lines('reader');
    report('pod-emptydir', reader.includes('from-writer') && reader.includes('replied'),
      `the reader ${reader.includes('from-writer') ? 'read' : 'did not read'} the writer's file and ${reader.includes('replied') ? 'wrote' : 'did not write'} its own`);
    const emptyDir = pod.emptyDir('shared');
    const owners = `${await ownerOf(join(emptyDir, 'note'))} ${await ownerOf(join(emptyDir, 'reply'))} ${await ownerOf(join(emptyDir, 'owned-by-100'))}`;
    report('pod-emptydir-owners', owners === '0:0 0:0 100:100', `from the host, note, reply and owned-by-100 in ${emptyDir} are ${owners} (want 0:0 0:0 100:100: files keep their owners, as under runc)`);
    const init = await cri.containerStatus(pod.ids.get('prepare')!);
    const initLog = logLines(await pod.log('prepare'));
    const writer = await lines('writer');
    report('pod-init', init.state === 'CONTAINER_EXITED' && init.exitCode === 0 && initLog.join() === 'init-done' && writer.includes('prepared'),
      `prepare ${init.state} exit ${init.exitCode}, its log ${JSON.stringify(initLog)}; the writer ${writer.includes('prepared') ? 'saw' : 'did not see'} what it prepared`);
    const writerLog = await pod.log('writer');
    report('pod-log', /^\S+ stdout F wrote$/m.test(writerLog), `the writer's CRI log (${pod.config.logDirectory ?? ''}/writer/0.log) has "<time> stdout F wrote"`);
    const probed = await cri.execSync(pod.ids.get('reader')!, ['sh', '-c', probeScript]);
    const execSeen = parseProbe(probed.stdout);
    const weak = weaknesses(execSeen);
    const failed = await cri.execSync(pod.ids.get('reader')!, ['sh', '-c', 'echo out; echo err >&2; exit 3']);
    const codes = failed.stdout === 'out\n' && failed.stderr === 'err\n' && failed.exitCode === 3;
    report('pod-exec', probed.exitCode === 0 && weak.length === 0 && codes,
      `ExecSync runs hardened (${weak.length === 0 ? described(execSeen) : weak.join('; ')}); exit ${failed.exitCode}, stdout ${JSON.stringify(failed.stdout)}, stderr ${JSON.stringify(failed.stderr)} (want 3, "out\\n", "err\\n")`);
  } catch (error) {
    report('pod-checks', false, `stopped early: ${(error as Error).message}`.slice(0, 400));
  } finally {
    await removeAndCheck(pod, 'shared');
  }
}

async function privilegedPod(): Promise<void> {
  const spec: PodSpec = { name: 'hosts-privileged', handler, ...cgroupParent, containers: [{ name: 'app', image, command: serve('up'), securityContext: { privileged: true } }] };
  try {
    const pod = await runPod(cri, dir, spec);
    report('pod-privileged-refused', false, 'a privileged container started');
    await removeAndCheck(pod, 'privileged');
  } catch (error) {
    const message = (error as Error).message;
    const said = /^(Create|Start)Container app: .*hardrun refused this container: .*every capability and device \(--privileged\)/s.test(message);
    const step = message.split(':', 1)[0] ?? '';
    report('pod-privileged-refused', said, said ? `at ${step}: ${message.replace(/^.*(hardrun refused this container: [^\n]*).*$/s, '$1').slice(0, 300)}` : `without hardrun's sentence: ${message.slice(0, 300)}`);
    if (error instanceof PodStartError) await removeAndCheck(error.pod, 'privileged');
  }
}

try {
  await sharedPod();
  await privilegedPod();
} finally {
  cri.close();
}
process.exit(failures === 0 ? 0 : 1);
