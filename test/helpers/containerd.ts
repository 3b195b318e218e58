// containerd through `ctr`, against the private containerd that startDockerd runs.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { run, type PrivateDocker, type RunOptions, type RunResult } from './dockerd.js';

export const CTR_NAMESPACE = 'hardrun-test';
export const BUSYBOX_REF = 'docker.io/library/busybox:latest';

export interface CtrOptions extends RunOptions {
  /** containerd namespace (default hardrun-test; Kubernetes uses k8s.io). */
  namespace?: string;
}

export function ctr(d: PrivateDocker, args: string[], opts: CtrOptions = {}): Promise<RunResult> {
  return run('ctr', ['--address', d.containerdSock, '--namespace', opts.namespace ?? CTR_NAMESPACE, ...args], opts);
}

/** Copies a Docker image into containerd (unpacked) and returns its containerd ref. */
export async function importBusyboxToContainerd(
  d: PrivateDocker,
  opts: { namespace?: string; tag?: string } = {},
): Promise<string> {
  const tag = opts.tag ?? 'busybox:latest';
  const tarball = join(d.dir, 'image-save.tar');
  try {
    await d.docker(['save', '-o', tarball, tag]);
    await ctr(d, ['images', 'import', tarball], { namespace: opts.namespace });
  } finally {
    await rm(tarball, { force: true });
  }
  return normalizeRef(tag);
}

// What ctr names a `docker save` tag: busybox:latest -> docker.io/library/busybox:latest.
function normalizeRef(tag: string): string {
  const withTag = tag.includes(':') ? tag : `${tag}:latest`;
  if (!withTag.includes('/')) return `docker.io/library/${withTag}`;
  const first = withTag.split('/')[0] ?? '';
  return /[.:]|^localhost$/.test(first) ? withTag : `docker.io/${withTag}`;
}

export interface CtrRunOptions extends CtrOptions {
  /** The runc-compatible binary the shim calls (hardrun, or runc itself). */
  runcBinary: string;
  cmd: string[];
  image?: string;
  name?: string;
  /** runc --root parent (the shim appends the namespace); default <dir>/runc, so nothing lands in /run. */
  runcRoot?: string;
  /** Leave it running (`-d`) instead of `--rm`; remove it with ctr tasks kill/delete and containers delete. */
  detach?: boolean;
  /** Extra `ctr run` flags, e.g. ['--uidmap', '0:100000:65536']. */
  flags?: string[];
}

export function ctrRun(d: PrivateDocker, opts: CtrRunOptions): Promise<RunResult> {
  const name = opts.name ?? `hr-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const args = [
    'run',
    opts.detach ? '-d' : '--rm',
    '--runc-binary', opts.runcBinary,
    '--runc-root', opts.runcRoot ?? join(d.dir, 'runc'),
    // ctr's default, /run/containerd/fifo, keeps the fifos of detached containers forever.
    '--fifo-dir', join(d.dir, 'fifo'),
    ...(opts.flags ?? []),
    opts.image ?? BUSYBOX_REF,
    name,
    ...opts.cmd,
  ];
  return ctr(d, args, opts);
}

/** Kills and removes every container in every namespace except Docker's own. */
export async function removeCtrContainers(d: PrivateDocker): Promise<void> {
  const namespaces = (await ctr(d, ['namespaces', 'ls', '-q'])).stdout.split('\n');
  for (const namespace of namespaces.filter((ns) => ns && ns !== 'moby')) {
    const ids = (await ctr(d, ['containers', 'ls', '-q'], { namespace })).stdout.split('\n').filter(Boolean);
    for (const id of ids) {
      await ctr(d, ['tasks', 'kill', '-s', 'SIGKILL', id], { namespace, reject: false });
      await ctr(d, ['tasks', 'delete', '-f', id], { namespace, reject: false });
      await ctr(d, ['containers', 'delete', id], { namespace });
    }
  }
}
