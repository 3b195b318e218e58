// A private Podman for one e2e test file: its storage root, run root, libpod
// state (--tmpdir), network configuration and cgroup parent are its own, so
// that remove() takes everything away without touching the host's Podman.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, rmdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBusyboxRootfs, findExecutable, mountsUnder } from './dockerd.js';
import { launcherPath, runHardrun, type Outcome } from './shipped.js';

export interface PrivatePodman {
  readonly dir: string;
  /** Podman's storage root (--root): images, layers, containers' userdata, its database. */
  readonly storage: string;
  /** The cgroup every container and its conmon go under (--cgroup-parent of each run). */
  readonly cgroupParent: string;
  /** `podman ARGS` through hardrun, or through `runtime` (a path) instead. */
  podman(args: readonly string[], options?: { runtime?: string }): Promise<Outcome>;
  /** Idempotent: containers, images, mounts, cgroups and the directory, even after a failure. */
  remove(): Promise<void>;
}

// Made by the first rootful podman call when missing, whatever its flags:
// netavark's run directory, and containers/image's blob info cache (which
// `podman import` writes), children first. Removed after only when missing before.
const fixedHostDirs = ['/run/containers/networks', '/run/containers', '/var/lib/containers/cache', '/var/lib/containers'];

/** `storageThroughLink`: --root names the storage root through a symlink, as a host that moved it to another disk does. */
export async function startPodman(options: { storageThroughLink?: boolean } = {}): Promise<PrivatePodman> {
  const podmanBin = findExecutable('podman');
  if (podmanBin === undefined) throw new Error('podman not found: install it (npm run deps:system)');
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-podman-'));
  const storage = join(dir, options.storageThroughLink === true ? 'storage-link' : 'storage');
  if (options.storageThroughLink === true) {
    await mkdir(join(dir, 'storage'));
    await symlink('storage', storage);
  }
  const runroot = join(dir, 'run');
  const cgroupParent = `/${dir.split('/').pop()!}`;
  const madeHostDirs = fixedHostDirs.filter(path => !existsSync(path));
  await mkdir(join(dir, 'tmp'));
  await writeFile(join(dir, 'storage.conf'), `[storage]\ndriver = "overlay"\ngraphroot = "${storage}"\nrunroot = "${runroot}"\n`);
  await writeFile(join(dir, 'containers.conf'), [
    '[containers]',
    // This machine's hard limit on open files is below Podman's default of
    // 1048576, and only lowering a limit is allowed: runc would fail every
    // container with "error setting rlimits", through hardrun or not.
    'default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]',
    // No network to reach, and no netavark bridge on the host.
    'netns = "none"',
    '[engine]',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    // Locks beneath --tmpdir, not in the host's /dev/shm/libpod_lock.
    'lock_type = "file"',
    `image_copy_tmp_dir = "${join(dir, 'tmp')}"`,
    '[network]',
    `network_config_dir = "${join(dir, 'networks')}"`,
    '',
  ].join('\n'));
  const env = { CONTAINERS_CONF: join(dir, 'containers.conf'), CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf') };
  const globals = (runtime: string) => ['--root', storage, '--runroot', runroot, '--tmpdir', join(dir, 'libpod'), '--storage-driver', 'overlay', '--runtime', runtime];
  const podman = async (args: readonly string[], options: { runtime?: string } = {}): Promise<Outcome> => {
    const result = await execa(podmanBin, [...globals(options.runtime ?? launcherPath), ...args], { env, reject: false, stdin: 'ignore', timeout: 120_000 });
    return { exitCode: result.exitCode ?? 128, stdout: result.stdout, stderr: result.stderr };
  };
  let removed = false;
  const remove = async (): Promise<void> => {
    if (removed) return;
    removed = true;
    const ids = await idsIn(storage);
    await podman(['rm', '--all', '--force', '--time', '0']);
    await killContainersUnder(runroot, ids, cgroupParent);
    // Whatever podman rm could not delete: hardrun's records, staging and claims go with the runtime's delete.
    for (const id of ids) await runHardrun(['delete', '--force', id]);
    await podman(['rmi', '--all', '--force']);
    await killProcessesMentioning(dir);
    for (const path of (await mountsUnder(dir)).sort((a, b) => b.length - a.length)) await execa('umount', ['--lazy', path], { reject: false });
    await rm(dir, { recursive: true, force: true });
    await removeCgroups(cgroupParent);
    for (const path of madeHostDirs) await rm(path, { recursive: true, force: true });
  };
  return { dir, storage, cgroupParent, podman, remove };
}

/** A busybox image made from busybox-static with `podman import` (no registry is reachable). */
export async function importBusybox(p: PrivatePodman, tag: string): Promise<void> {
  const rootfs = join(p.dir, 'busybox-rootfs');
  const tarball = join(p.dir, 'busybox.tar');
  await buildBusyboxRootfs(rootfs);
  await execa('tar', ['-C', rootfs, '--numeric-owner', '--owner=0', '--group=0', '-cf', tarball, '.']);
  const imported = await p.podman(['import', '--change', 'CMD ["sh"]', tarball, tag]);
  if (imported.exitCode !== 0) throw new Error(`podman import failed: ${imported.stderr}`);
  await rm(rootfs, { recursive: true, force: true });
  await rm(tarball, { force: true });
}

/** The ids of the containers in a storage root, from their directories. */
export async function idsIn(storage: string): Promise<string[]> {
  return readdir(join(storage, 'overlay-containers')).catch(() => [] as string[]);
}

// A container init Podman could not stop: its pid is in the run root, and a cgroup under ours proves it is one of ours.
async function killContainersUnder(runroot: string, ids: readonly string[], cgroupParent: string): Promise<void> {
  for (const id of ids) {
    const pid = Number(await readFile(join(runroot, 'overlay-containers', id, 'userdata', 'pidfile'), 'utf8').catch(() => ''));
    const cgroups = await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => '');
    if (pid > 0 && cgroups.includes(`${cgroupParent}/`)) await killAndWait(pid);
  }
}

// conmon (and a podman that hung) name our directory in their argv.
async function killProcessesMentioning(needle: string): Promise<void> {
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) await killAndWait(pid);
  }
}

async function killAndWait(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  for (let waited = 0; waited < 5_000 && existsSync(`/proc/${pid}`); waited += 50) await new Promise(resolve => setTimeout(resolve, 50));
}

/** Our cgroup in each hierarchy, its children (conmon's) first. */
async function removeCgroups(parent: string): Promise<void> {
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
  const hierarchies = mountinfo.split('\n').filter(line => / - cgroup2? /.test(line)).map(line => line.split(' ')[4]!);
  for (const hierarchy of hierarchies) await removeTree(join(hierarchy, parent));
}

async function removeTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) if (entry.isDirectory()) await removeTree(join(dir, entry.name));
  await rmdir(dir).catch(() => undefined);
}
