// OCI bundles made by hand for the benchmarks that call a runtime directly,
// without Docker: the config.json Docker generates for `docker run --rm
// busybox true`, made runnable outside Docker.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Spec } from '../../src/spec/types.js';
import { findExecutable } from '../helpers/dockerd.js';

/** The config.json dockerd generated for `docker run --rm busybox true` (shared with the hardening tests). */
export const dockerConfigPath = resolve('test/fixtures/specs/docker-default.json');

export interface Bundle {
  readonly dir: string;
  readonly config: string;
  /** Puts the pristine config.json back (hardrun's create rewrites it). */
  restore: () => void;
  remove: () => void;
}

/**
 * A bundle in a fresh directory under `parent`. Its rootfs is empty, or holds
 * a static busybox. The bind sources (resolv.conf, hostname, hosts) are files
 * in the bundle, Docker's prestart hook is dropped, and the cgroup is named
 * after the bundle directory.
 */
export function makeBundle(parent: string, options: { busybox?: boolean; args?: string[]; rootPath?: string } = {}): Bundle {
  const dir = mkdtempSync(join(parent, 'bundle-'));
  const spec = JSON.parse(readFileSync(dockerConfigPath, 'utf8')) as Spec;
  spec['root'] = { path: options.rootPath ?? 'rootfs' };
  delete spec['hooks'];
  for (const mount of spec['mounts'] as { type?: string; source?: string }[]) {
    if (mount.type !== 'bind' || mount.source === undefined) continue;
    mount.source = join(dir, mount.source.slice(mount.source.lastIndexOf('/') + 1));
    writeFileSync(mount.source, '');
  }
  spec.linux!.cgroupsPath = `/hardrun-bench/${dir.slice(dir.lastIndexOf('/') + 1)}`;
  if (options.args) spec.process!.args = options.args;
  const rootfs = join(dir, 'rootfs');
  mkdirSync(rootfs);
  if (options.busybox) addBusybox(rootfs);
  const config = join(dir, 'config.json');
  const text = JSON.stringify(spec, null, 2);
  const restore = () => {
    rmSync(config, { force: true });
    writeFileSync(config, text);
  };
  restore();
  return { dir, config, restore, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** /bin/busybox (static: busybox-static) and the applets the benchmarks use. */
function addBusybox(rootfs: string): void {
  const busybox = findExecutable('busybox', ['/bin', '/usr/bin']);
  if (busybox === undefined) throw new Error('busybox not found: install busybox-static');
  mkdirSync(join(rootfs, 'bin'));
  copyFileSync(busybox, join(rootfs, 'bin', 'busybox'));
  chmodSync(join(rootfs, 'bin', 'busybox'), 0o755);
  for (const applet of ['sh', 'sleep', 'true']) symlinkSync('busybox', join(rootfs, 'bin', applet));
}

/** Removes the (empty) parent cgroup the bundles' containers were placed under, in every hierarchy. */
export function removeBenchCgroups(): void {
  const base = '/sys/fs/cgroup';
  const candidates = [join(base, 'hardrun-bench')];
  try {
    for (const entry of readdirSync(base)) candidates.push(join(base, entry, 'hardrun-bench'));
  } catch {
    return;
  }
  for (const path of candidates) {
    try {
      rmdirSync(path);
    } catch {
      // absent, or still in use: left alone
    }
  }
}

/**
 * A bundle whose rootfs is an overlay of `layers` layers (the top one its
 * upper), mounted here as Docker's overlay2 and containerd's snapshotter
 * mount an image's: each layer is one idmapped mount under hardrun's user
 * namespace. remove() unmounts it.
 */
export function makeLayeredBundle(parent: string, layers: number): Bundle {
  const bundle = makeBundle(parent);
  const base = join(bundle.dir, 'layers');
  const lowers = Array.from({ length: layers - 1 }, (_, index) => join(base, `l${index}`));
  for (const dir of [...lowers, join(base, 'upper'), join(base, 'work')]) mkdirSync(dir, { recursive: true });
  lowers.forEach((dir, index) => writeFileSync(join(dir, `file${index}`), ''));
  const rootfs = join(bundle.dir, 'rootfs');
  const mounted = spawnSync('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lowers.join(':')},upperdir=${join(base, 'upper')},workdir=${join(base, 'work')}`, rootfs]);
  if (mounted.status !== 0) throw new Error(`cannot mount the ${layers}-layer overlay: ${String(mounted.stderr)}`);
  return {
    ...bundle,
    remove: () => {
      spawnSync('umount', [rootfs]);
      bundle.remove();
    },
  };
}

/**
 * A data root laid out as dockerd lays out overlay2, holding the record of
 * one container of busybox: what an image rule reads on create. Returns the
 * container id and its rootfs path (an empty directory).
 */
export function makeDockerRecord(parent: string): { id: string; rootPath: string } {
  const dataRoot = mkdtempSync(join(parent, 'docker-'));
  const id = 'b'.repeat(64);
  const mountId = 'c'.repeat(64);
  const rootPath = join(dataRoot, 'overlay2', mountId, 'merged');
  mkdirSync(rootPath, { recursive: true });
  mkdirSync(join(dataRoot, 'containers', id), { recursive: true, mode: 0o710 });
  mkdirSync(join(dataRoot, 'image', 'overlay2', 'layerdb', 'mounts', id), { recursive: true });
  writeFileSync(join(dataRoot, 'image', 'overlay2', 'layerdb', 'mounts', id, 'mount-id'), mountId);
  // The shape and size of dockerd 20.10's record of `docker run --rm busybox true` (about 3 kB).
  const record = {
    StreamConfig: {}, State: { Running: false, Paused: false, Restarting: false, OOMKilled: false, RemovalInProgress: false, Dead: false, Pid: 0, ExitCode: 0, Error: '', StartedAt: '0001-01-01T00:00:00Z', FinishedAt: '0001-01-01T00:00:00Z', Health: null },
    ID: id, Created: '2026-12-01T21:00:00.000000000Z', Managed: false, Path: 'true', Args: [],
    Config: { Hostname: id.slice(0, 12), Domainname: '', User: '', AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false, OpenStdin: false, StdinOnce: false, Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['true'], Image: 'busybox', Volumes: null, WorkingDir: '', Entrypoint: null, OnBuild: null, Labels: {} },
    Image: `sha256:${'a'.repeat(64)}`,
    NetworkSettings: { Bridge: '', SandboxID: '', HairpinMode: false, LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0, Networks: { bridge: { IPAMConfig: null, Links: null, Aliases: null, NetworkID: 'd'.repeat(64), EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, MacAddress: '', DriverOpts: null, IPAMOperational: false } }, Service: null, Ports: null, SandboxKey: '', SecondaryIPAddresses: null, SecondaryIPv6Addresses: null, IsAnonymousEndpoint: false, HasSwarmEndpoint: false },
    LogPath: '', Name: '/bench', Driver: 'overlay2', OS: 'linux', MountLabel: '', ProcessLabel: '', RestartCount: 0, HasBeenStartedBefore: false, HasBeenManuallyStopped: false,
    MountPoints: {}, SecretReferences: null, ConfigReferences: null, AppArmorProfile: 'docker-default', HostnamePath: '', HostsPath: '', ShmPath: '', ResolvConfPath: '', SeccompProfile: '', NoNewPrivileges: false, LocalLogCacheMeta: { HaveNotifyEnabled: false },
  };
  writeFileSync(join(dataRoot, 'containers', id, 'config.v2.json'), JSON.stringify(record), { mode: 0o600 });
  return { id, rootPath };
}
