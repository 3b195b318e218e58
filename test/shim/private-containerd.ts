// A containerd of the test's own, started from a config file the test (or
// hardrun setup containerd) wrote, with its CRI plugin on. Everything lives
// under one temporary directory; stop() ends only the processes it started
// or that name that directory (shims), by pid.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importBusybox, mountsUnder, run, startDockerd, type RunOptions, type RunResult } from '../helpers/dockerd.js';

export interface PrivateContainerd {
  readonly address: string;
  readonly pid: number;
  ctr(args: string[], opts?: RunOptions & { namespace?: string }): Promise<RunResult>;
  stop(): Promise<void>;
}

/**
 * The base of a private config: its own root, state, socket and opt
 * directory (hardrun's tables get merged in); with a sandbox image, what CRI
 * needs to run pods here (see createPodNetwork).
 */
/**
 * The images CRI's tests need, as one tarball for `ctr images import`:
 * busybox, and busybox that sleeps as the pod sandbox ("pause") image. A
 * private dockerd only builds them (no registry here) and is gone after.
 */
export async function saveCriImages(tarball: string): Promise<void> {
  const docker = await startDockerd();
  try {
    await importBusybox(docker);
    await docker.docker(['build', '-t', 'hardrun-pause:latest', '-'], { input: 'FROM busybox:latest\nCMD ["sleep", "3600"]\n' });
    await docker.docker(['save', '-o', tarball, 'busybox:latest', 'hardrun-pause:latest']);
  } finally {
    await docker.stop();
  }
}

export function baseConfig(dir: string, sandboxImage?: string): string {
  return [
    'version = 2',
    `root = ${JSON.stringify(join(dir, 'root'))}`,
    `state = ${JSON.stringify(join(dir, 'state'))}`,
    '',
    '# the test\'s own socket',
    '[grpc]',
    `  address = ${JSON.stringify(join(dir, 'containerd.sock'))}`,
    '',
    '[plugins."io.containerd.internal.v1.opt"]',
    `  path = ${JSON.stringify(join(dir, 'opt'))}`,
    '',
    ...(sandboxImage === undefined ? [] : [
      '[plugins."io.containerd.grpc.v1.cri"]',
      `  sandbox_image = ${JSON.stringify(sandboxImage)}`,
      // CRI gives a pod sandbox oom_score_adj -998, and these VMs refuse any
      // lowering, even to root: keep containerd's own value instead.
      '  restrict_oom_score_adj = true',
      // Pods get a network namespace of their own (see createPodNetwork), kept under the test's directory.
      '  netns_mounts_under_state_dir = true',
      '  [plugins."io.containerd.grpc.v1.cri".cni]',
      '    bin_dir = "/usr/lib/cni"',
      `    conf_dir = ${JSON.stringify(join(dir, 'cni'))}`,
      '',
    ]),
  ].join('\n');
}

/**
 * A CNI network for pods without touching the host's: CRI needs an eth0
 * with an address, so Debian's host-device plugin moves one end of a veth
 * pair made for the test into the pod (static address 127.0.0.2/8, nothing
 * routed), and back at StopPodSandbox. The other end stays down on the
 * host; remove() deletes the pair.
 */
export async function createPodNetwork(dir: string): Promise<{ remove(): Promise<void> }> {
  if (!existsSync('/usr/lib/cni/host-device')) throw new Error('CNI plugins missing: apt-get install containernetworking-plugins (test/system-deps.sh)');
  const device = `hrv${process.pid % 100_000}`;
  const peer = `hrp${process.pid % 100_000}`;
  await run('ip', ['link', 'add', device, 'type', 'veth', 'peer', 'name', peer]);
  await mkdir(join(dir, 'cni'), { recursive: true });
  await writeFile(join(dir, 'cni', '10-hardrun-test.conflist'), JSON.stringify({
    cniVersion: '0.4.0',
    name: 'hardrun-test',
    plugins: [{ type: 'host-device', device, ipam: { type: 'static', addresses: [{ address: '127.0.0.2/8' }] } }],
  }));
  return { remove: async () => { await run('ip', ['link', 'del', peer], { reject: false }); } };
}

export async function startContainerd(dir: string, config: string, namespace: string, env: NodeJS.ProcessEnv = {}): Promise<PrivateContainerd> {
  const address = join(dir, 'containerd.sock');
  const log = openSync(join(dir, 'containerd.log'), 'a');
  const child = spawn('containerd', ['--config', config], { stdio: ['ignore', log, log], env: { ...process.env, ...env, PATH: `${env['PATH'] ?? process.env['PATH'] ?? ''}:/usr/sbin:/sbin` } });
  closeSync(log);
  let exited = false as boolean; // set by the exit listener, which the checker does not follow
  child.once('exit', () => { exited = true; });
  const pid = child.pid!;
  const ctr = (args: string[], opts: RunOptions & { namespace?: string } = {}) =>
    run('ctr', ['--address', address, '--namespace', opts.namespace ?? namespace, ...args], opts);
  const stop = async (): Promise<void> => {
    if (!exited) {
      const namespaces = (await ctr(['namespaces', 'ls', '-q'], { reject: false })).stdout.split('\n').filter(Boolean);
      for (const ns of namespaces) {
        for (const id of (await ctr(['containers', 'ls', '-q'], { namespace: ns, reject: false })).stdout.split('\n').filter(Boolean)) {
          await ctr(['tasks', 'kill', '-s', 'SIGKILL', id], { namespace: ns, reject: false });
          await ctr(['tasks', 'delete', '-f', id], { namespace: ns, reject: false });
          await ctr(['containers', 'delete', id], { namespace: ns, reject: false });
        }
      }
    }
    await terminate(pid);
    await terminateMentioning(dir);
    for (const mount of (await mountsUnder(dir)).sort((a, b) => b.length - a.length)) {
      await run('umount', ['--lazy', '--no-mtab', mount], { reject: false });
    }
    if ((await mountsUnder(dir)).length === 0) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  const deadline = Date.now() + 30_000;
  while ((await run('ctr', ['--address', address, 'version'], { reject: false, timeout: 5_000 })).exitCode !== 0) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`containerd did not start: ${readFileSync(join(dir, 'containerd.log'), 'utf8').slice(-2000)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return { address, pid, ctr, stop };
}

async function terminate(pid: number): Promise<void> {
  try { process.kill(pid, 'SIGTERM'); } catch { return; }
  for (let waited = 0; waited < 15_000; waited += 50) {
    if (!isAlive(pid)) return;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
}

function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

// Shims name the private socket in their argv; nothing else does.
async function terminateMentioning(dir: string): Promise<void> {
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(`${dir}/`)) await terminate(pid);
  }
}
