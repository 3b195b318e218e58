// A private dockerd, with a containerd of its own, for one e2e test file.
// Everything it creates lives under one short temporary directory, so that
// stop() can remove it all without touching the host's Docker.
import { execa } from 'execa';
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, readdir, rm, rmdir, symlink, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { removeCtrContainers } from './containerd.js';

export interface RunOptions {
  input?: string | Uint8Array;
  /** Throw when the command fails (default true). */
  reject?: boolean;
  /** Milliseconds (default 60 s). */
  timeout?: number;
}

export interface RunResult {
  /** -1 when the command was killed by a signal. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RuntimeEntry {
  path: string;
  runtimeArgs?: string[];
}

export interface DockerdOptions {
  runtimes?: Record<string, RuntimeEntry>;
  defaultRuntime?: string;
  /** Merged last into daemon.json, so it may override any key. */
  extraConfig?: Record<string, unknown>;
  /** How long to wait for each daemon to answer (default 30 s). */
  startTimeout?: number;
  /** Variables added to both daemons' environment, which containerd's shims pass on to the runtime. */
  env?: Record<string, string>;
}

export interface PrivateDocker {
  dir: string;
  sock: string;
  configFile: string;
  dataRoot: string;
  execRoot: string;
  containerdSock: string;
  logFile: string;
  pid: number;
  docker(args: string[], opts?: RunOptions): Promise<RunResult>;
  /** Idempotent; removes containers, daemons, mounts and the directory. */
  stop(): Promise<void>;
}

// Daemons need sbin on PATH (dockerd, containerd, runc, docker-init).
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/bin', '/bin'];

export function findExecutable(name: string, extraDirs: string[] = []): string | undefined {
  for (const dir of [...(process.env['PATH'] ?? '').split(delimiter), ...extraDirs]) {
    const path = join(dir || '.', name);
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

// /usr/local/bin/docker on the dev box is an unrelated newer client.
export const dockerBin = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : findExecutable('docker') ?? 'docker';

export async function run(file: string, args: string[], opts: RunOptions = {}, env?: NodeJS.ProcessEnv): Promise<RunResult> {
  const r = await execa(file, args, {
    ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
    reject: opts.reject ?? true,
    timeout: opts.timeout ?? 60_000,
    ...(env ? { env, extendEnv: false } : {}),
  });
  return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export async function startDockerd(opts: DockerdOptions = {}): Promise<PrivateDocker> {
  // Short on purpose: containerd and dockerd put unix sockets under it.
  const dir = await mkdtemp('/tmp/hr-');
  const hadRunContainerd = existsSync('/run/containerd');
  const daemons: Daemon[] = [];
  const cliEnv = dockerCliEnv(join(dir, 'cli'));
  const d: PrivateDocker = {
    dir,
    sock: join(dir, 'docker.sock'),
    configFile: join(dir, 'daemon.json'),
    dataRoot: join(dir, 'data'),
    execRoot: join(dir, 'exec'),
    containerdSock: join(dir, 'containerd', 'containerd.sock'),
    logFile: join(dir, 'dockerd.log'),
    pid: 0,
    docker: (args, o) => run(dockerBin, ['-H', `unix://${d.sock}`, ...args], o, cliEnv),
    stop: once(() => stopAll(d, daemons, hadRunContainerd)),
  };
  try {
    daemons.push(await startContainerd(d, opts.startTimeout ?? 30_000, opts.env));
    const dockerd = await startDaemon(d, opts);
    daemons.push(dockerd);
    d.pid = dockerd.pid;
    await waitFor(dockerd, opts.startTimeout ?? 30_000, async () =>
      (await d.docker(['version'], { reject: false, timeout: 5_000 })).exitCode === 0);
    return d;
  } catch (error) {
    await d.stop().catch(() => undefined);
    throw error;
  }
}

interface Daemon {
  name: string;
  pid: number;
  logFile: string;
  hasExited(): boolean;
}

function daemonEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: [process.env['PATH'] ?? '', ...SBIN].join(delimiter), ...extra };
}

function dockerCliEnv(configDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir };
  for (const key of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) delete env[key];
  return env;
}

// Daemons that a crashed test process left behind get SIGTERM, which makes them shut down cleanly.
const liveDaemons = new Set<number>();
process.on('exit', () => liveDaemons.forEach((pid) => signal(pid, 'SIGTERM')));

// node's spawn rather than execa: the log fd goes straight to the daemon, so its
// output never passes through (or dies with) the test process.
function spawnDaemon(name: string, args: string[], logFile: string, env: Record<string, string> = {}): Daemon {
  const file = findExecutable(name, SBIN);
  if (!file) throw new Error(`${name} not found on PATH or in ${SBIN.join(', ')}`);
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(file, args, { stdio: ['ignore', fd, fd], env: daemonEnv(env) });
    let done = false;
    const onEnd = () => {
      done = true;
      if (child.pid !== undefined) liveDaemons.delete(child.pid);
    };
    child.once('exit', onEnd).once('error', onEnd);
    if (child.pid === undefined) throw new Error(`could not start ${file}`);
    liveDaemons.add(child.pid);
    return { name, pid: child.pid, logFile, hasExited: () => done };
  } finally {
    closeSync(fd);
  }
}

// Our own containerd rather than dockerd's managed one: dockerd silently uses
// the host's containerd whenever /run/containerd/containerd.sock exists.
async function startContainerd(d: PrivateDocker, timeout: number, env: Record<string, string> = {}): Promise<Daemon> {
  const base = join(d.dir, 'containerd');
  await mkdir(base, { recursive: true });
  const toml = [
    'version = 2',
    `root = ${JSON.stringify(join(base, 'root'))}`,
    `state = ${JSON.stringify(join(base, 'state'))}`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
    '[grpc]',
    `  address = ${JSON.stringify(d.containerdSock)}`,
    // Its default is /opt/containerd on the host.
    '[plugins."io.containerd.internal.v1.opt"]',
    `  path = ${JSON.stringify(join(base, 'opt'))}`,
    '',
  ].join('\n');
  const config = join(base, 'config.toml');
  await writeFile(config, toml);
  const daemon = spawnDaemon('containerd', ['--config', config], join(base, 'containerd.log'), env);
  await waitFor(daemon, timeout, async () =>
    (await run('ctr', ['--address', d.containerdSock, 'version'], { reject: false, timeout: 5_000 })).exitCode === 0);
  return daemon;
}

async function startDaemon(d: PrivateDocker, opts: DockerdOptions): Promise<Daemon> {
  // Flags would clash with the same keys in daemon.json, so everything goes there.
  const config = {
    'data-root': d.dataRoot,
    'exec-root': d.execRoot,
    pidfile: join(d.dir, 'dockerd.pid'),
    hosts: [`unix://${d.sock}`],
    containerd: d.containerdSock,
    bridge: 'none',
    iptables: false,
    'ip-forward': false,
    ...(opts.runtimes ? { runtimes: opts.runtimes } : {}),
    ...(opts.defaultRuntime ? { 'default-runtime': opts.defaultRuntime } : {}),
    ...opts.extraConfig,
  };
  await writeFile(d.configFile, `${JSON.stringify(config, null, 2)}\n`);
  return spawnDaemon('dockerd', ['--config-file', d.configFile], d.logFile, opts.env);
}

async function waitFor(daemon: Daemon, timeout: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await ready())) {
    if (daemon.hasExited() || Date.now() > deadline) {
      const why = daemon.hasExited() ? 'exited' : `did not answer within ${timeout} ms`;
      throw new Error(`${daemon.name} ${why}; log tail:\n${await logTail(daemon.logFile)}`);
    }
    await sleep(100);
  }
}

async function logTail(file: string, lines = 30): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let promise: Promise<void> | undefined;
  return () => (promise ??= fn());
}

// Each step runs even when an earlier one failed; the first failures are reported at the end.
async function stopAll(d: PrivateDocker, daemons: Daemon[], hadRunContainerd: boolean): Promise<void> {
  const errors: string[] = [];
  const step = async (name: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const [containerd, dockerd] = daemons;
  if (dockerd && !dockerd.hasExited()) await step('remove docker containers', () => removeDockerContainers(d));
  if (containerd && !containerd.hasExited()) await step('remove ctr containers', () => removeCtrContainers(d));
  for (const daemon of [...daemons].reverse()) await step(`stop ${daemon.name}`, () => terminate(daemon.pid));
  await step('kill leftover containers', () => killLeftoverContainers(d));
  await step('kill leftover processes', () => killProcessesMentioning(`${d.dir}/`));
  await step('unmount', () => unmountUnder(d.dir));
  // Never rm -rf across a mount: it would delete the mount's source.
  if ((await mountsUnder(d.dir)).length === 0) await step('remove directory', () => rm(d.dir, { recursive: true, force: true, maxRetries: 3 }));
  if (!hadRunContainerd) await removeEmptyRunContainerd();
  if (errors.length > 0) throw new Error(`private dockerd in ${d.dir} did not stop cleanly:\n${errors.join('\n')}`);
}

async function removeDockerContainers(d: PrivateDocker): Promise<void> {
  const ids = (await d.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
  if (ids.length > 0) await d.docker(['rm', '-f', ...ids], { timeout: 120_000 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie has exited; it just waits for its parent to reap it.
  return !/^\d+ \(.*\) Z/s.test(readStat(pid));
}

function readStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}

async function terminate(pid: number, graceMs = 15_000): Promise<void> {
  signal(pid, 'SIGTERM');
  if (await waitGone(pid, graceMs)) return;
  signal(pid, 'SIGKILL');
  if (!(await waitGone(pid, 5_000))) throw new Error(`pid ${pid} survived SIGKILL`);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

// Containers whose runtime failed to delete them outlive their shims; their
// init pid is in the bundle, and the cgroup naming the id proves it is still theirs.
async function killLeftoverContainers(d: PrivateDocker): Promise<void> {
  const tasks = join(d.dir, 'containerd', 'state', 'io.containerd.runtime.v2.task');
  for (const ns of await readdir(tasks).catch(() => [])) {
    for (const id of await readdir(join(tasks, ns)).catch(() => [])) {
      const pid = Number(await readFile(join(tasks, ns, id, 'init.pid'), 'utf8').catch(() => ''));
      const cgroups = (await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => '')).split('\n');
      if (pid > 0 && cgroups.some((line) => line.endsWith(`/${id}`))) {
        signal(pid, 'SIGKILL');
        await waitGone(pid, 5_000);
      }
    }
  }
}

// Shims (and a containerd that outlived dockerd) name our directory in their argv.
async function killProcessesMentioning(needle: string): Promise<void> {
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) await terminate(pid, 2_000);
  }
}

export async function mountsUnder(dir: string): Promise<string[]> {
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
  return mountinfo
    .split('\n')
    .map((line) => unescapeMountPath(line.split(' ')[4] ?? ''))
    .filter((path) => path === dir || path.startsWith(`${dir}/`));
}

function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

async function unmountUnder(dir: string): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const mounts = await mountsUnder(dir);
    if (mounts.length === 0) return;
    // Longest first: a child mount path is always longer than its parent's.
    for (const path of mounts.sort((a, b) => b.length - a.length)) {
      await run('umount', ['--lazy', '--no-mtab', path], { reject: false }); // --no-mtab: no /run/mount on the host
    }
  }
  const left = await mountsUnder(dir);
  if (left.length > 0) throw new Error(`still mounted: ${left.join(', ')}`);
}

// containerd 1.6 hard-codes shim sockets and ctr's fifos under /run/containerd,
// and ctr's default runc root is /run/containerd/runc/<namespace>.
async function removeEmptyRunContainerd(): Promise<void> {
  const runcRoots = (await readdir('/run/containerd/runc').catch(() => [])).map((ns) => `/run/containerd/runc/${ns}`);
  for (const path of [...runcRoots, '/run/containerd/runc', '/run/containerd/s', '/run/containerd/fifo', '/run/containerd']) {
    await rmdir(path).catch(() => undefined);
  }
}

export async function importBusybox(d: PrivateDocker, tag = 'busybox:latest'): Promise<void> {
  const rootfs = join(d.dir, 'busybox-rootfs');
  const tarball = join(d.dir, 'busybox.tar');
  await buildBusyboxRootfs(rootfs);
  await run('tar', ['-C', rootfs, '--numeric-owner', '--owner=0', '--group=0', '-cf', tarball, '.']);
  await d.docker(['import', '--change', 'CMD ["sh"]', tarball, tag]);
  await rm(rootfs, { recursive: true, force: true });
  await rm(tarball, { force: true });
}

// Laid out like the real busybox image (minus its libc), so without /run:
// tests rely on the runtime creating mountpoints the image lacks.
export async function buildBusyboxRootfs(rootfs: string): Promise<void> {
  const busybox = findExecutable('busybox', ['/bin', '/usr/bin']);
  if (!busybox) throw new Error('busybox not found: install busybox-static');
  await assertStaticElf(busybox);
  for (const sub of ['bin', 'etc', 'home', 'root', 'tmp', 'usr', 'var']) await mkdir(join(rootfs, sub), { recursive: true });
  await chmod(join(rootfs, 'tmp'), 0o1777);
  await chmod(join(rootfs, 'root'), 0o700);
  await copyFile(busybox, join(rootfs, 'bin', 'busybox'));
  await chmod(join(rootfs, 'bin', 'busybox'), 0o755);
  const applets = (await run(busybox, ['--list'])).stdout.split('\n').filter((a) => a && a !== 'busybox');
  await Promise.all(applets.map((applet) => symlink('busybox', join(rootfs, 'bin', applet))));
  await writeFile(join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  await writeFile(join(rootfs, 'etc', 'group'), 'root:x:0:\nnobody:x:65534:\n');
}

// Debian's plain "busybox" package is dynamically linked and would not run in an image without libc.
async function assertStaticElf(path: string): Promise<void> {
  const elf = await readFile(path);
  const phoff = Number(elf.readBigUInt64LE(0x20));
  const phentsize = elf.readUInt16LE(0x36);
  for (let i = 0; i < elf.readUInt16LE(0x38); i++) {
    const PT_INTERP = 3;
    if (elf.readUInt32LE(phoff + i * phentsize) === PT_INTERP) {
      throw new Error(`${path} is dynamically linked: install busybox-static`);
    }
  }
}

/** One `docker run --rm busybox true`; throws unless it succeeds. */
export async function dockerRun(d: PrivateDocker, runtime: string): Promise<void> {
  const result = await d.docker(['run', '--rm', `--runtime=${runtime}`, 'busybox', 'true'], { reject: false, timeout: 120_000 });
  if (result.exitCode !== 0) throw new Error(`docker run --runtime=${runtime} exited ${result.exitCode}: ${result.stderr}`);
}
