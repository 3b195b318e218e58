import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtinBackends } from '../../policy/builtin.js';
import { resolveBackendPath } from '../../backend/backend.js';
import { defaultRecordName, readRecord, recordDir, type ContainerRecord } from '../../state/record.js';

/** A container in a runtime's state directory, with hardrun's record if it has one. */
export interface FoundContainer {
  readonly root: string;
  readonly id: string;
  readonly record: ContainerRecord | undefined;
}

/**
 * The state directories Docker and containerd give runc: Docker's
 * `<exec-root>/runtime-runc/<namespace>`, containerd's
 * `/run/containerd/runc/<namespace>` (k8s.io for Kubernetes, default for
 * ctr), and runc's own default. Every namespace present is included.
 */
export function defaultRoots(proc = '/proc'): string[] {
  const roots = new Set(['/var/run/docker/runtime-runc/moby', '/run/containerd/runc/k8s.io', '/run/containerd/runc/default']);
  const dockerRoots = dockerExecRoots(proc).map(execRoot => `${execRoot}/runtime-runc`);
  for (const parent of ['/var/run/docker/runtime-runc', ...dockerRoots, '/run/containerd/runc']) {
    for (const name of listDir(parent)) if (!name.endsWith('.hardrun')) roots.add(`${parent}/${name}`);
  }
  for (const root of shimRoots(proc)) roots.add(root);
  roots.add('/run/runc');
  return [...roots];
}

/**
 * The state directories of the runc shims running here that were given a
 * `Root` of their own (containerd's runtime option, e.g. for a hardrun
 * handler of a Kubernetes node): each shim runs in a bundle,
 * `.../<namespace>/<id>`, whose `options.json` holds it, and passes runc
 * `<Root>/<namespace>`. Only root-owned files no one else may write are read.
 */
export function shimRoots(proc = '/proc'): string[] {
  const roots = new Set<string>();
  for (const pid of listDir(proc)) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // The kernel keeps 15 characters of containerd-shim-runc-v2.
      if (!readFileSync(`${proc}/${pid}/comm`, 'utf8').startsWith('containerd-shim')) continue;
      const bundle = readlinkSync(`${proc}/${pid}/cwd`);
      const optionsFile = join(bundle, 'options.json');
      if (!isPrivate(bundle) || !isPrivate(optionsFile)) continue;
      const options = JSON.parse(readFileSync(optionsFile, 'utf8')) as { root?: unknown };
      const namespace = bundle.split('/').at(-2) ?? '';
      if (typeof options.root !== 'string' || !options.root.startsWith('/') || namespace === '') continue;
      const root = join(options.root, namespace);
      if (isDir(root)) roots.add(root);
    } catch {
      continue; // Gone, not a shim of runc's, or not ours to read.
    }
  }
  return [...roots];
}

/** Owned by this process's user, and writable by no one else. */
function isPrivate(path: string): boolean {
  try {
    const stat = statSync(path);
    return stat.uid === process.geteuid?.() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** The containers hardrun manages under these roots: one per record. */
export function listManaged(roots: readonly string[]): (FoundContainer & { readonly record: ContainerRecord })[] {
  const found: (FoundContainer & { readonly record: ContainerRecord })[] = [];
  for (const root of roots) {
    for (const id of listDir(recordDir(root))) {
      if (id.startsWith('.') || id === defaultRecordName) continue;
      const record = safeRecord(root, id);
      if (record !== undefined) found.push({ root, id, record });
    }
  }
  return found;
}

/**
 * Every container whose id is `query` or starts with it (Docker's short
 * ids), whether hardrun runs it (a record) or the backend alone does (its
 * state directory). An exact id wins over prefixes.
 */
export function findContainers(query: string, roots: readonly string[]): FoundContainer[] {
  const found = new Map<string, FoundContainer>();
  for (const root of roots) {
    // The default record names a backend, not a container.
    const records = listDir(recordDir(root)).filter(name => !name.startsWith('.') && name !== defaultRecordName);
    const ids = new Set([...records, ...listDir(root).filter(name => isDir(`${root}/${name}`))]);
    for (const id of ids) {
      if (!id.startsWith(query)) continue;
      found.set(`${root}\0${id}`, { root, id, record: safeRecord(root, id) });
    }
  }
  const all = [...found.values()];
  const exact = all.filter(container => container.id === query);
  return exact.length > 0 ? exact : all;
}

/** The container `id` under `root`, with hardrun's record if it has one. */
export function containerAt(root: string, id: string): FoundContainer {
  return { root, id, record: safeRecord(root, id) };
}

/** The command that asks a container's backend for its state: the recorded one, else plain runc. */
export function stateCommand(container: FoundContainer): [string, ...string[]] {
  const backend = container.record ?? { ...builtinBackends.runc, path: resolveBackendPath(builtinBackends.runc) };
  return [backend.path, ...backend.args, '--root', container.root, 'state', container.id];
}

/**
 * The exec roots of the dockerd processes running here, from their command
 * lines (`--exec-root`, else the `exec-root` of the `--config-file` they
 * read, else Docker's default): a daemon started with its own exec root
 * keeps its containers' state there, not under /var/run/docker.
 */
export function dockerExecRoots(proc = '/proc'): string[] {
  const roots = new Set<string>();
  for (const pid of listDir(proc)) {
    if (!/^\d+$/.test(pid)) continue;
    let argv: string[];
    try {
      if (readFileSync(`${proc}/${pid}/comm`, 'utf8').trim() !== 'dockerd') continue;
      argv = readFileSync(`${proc}/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // Gone, or not ours to read.
    }
    const start = argv.findIndex(arg => arg === 'dockerd' || arg.endsWith('/dockerd'));
    const flags = argv.slice(start + 1);
    const execRoot = flagOf(flags, 'exec-root') ?? configExecRoot(flagOf(flags, 'config-file') ?? '/etc/docker/daemon.json') ?? '/var/run/docker';
    roots.add(execRoot.replace(/\/+$/, ''));
  }
  return [...roots];
}

function flagOf(args: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  args.forEach((arg, index) => {
    if (arg === `--${name}` || arg === `-${name}`) value = args[index + 1];
    else if (arg.startsWith(`--${name}=`) || arg.startsWith(`-${name}=`)) value = arg.slice(arg.indexOf('=') + 1);
  });
  return value;
}

function configExecRoot(path: string): string | undefined {
  try {
    const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    return typeof config['exec-root'] === 'string' ? config['exec-root'] : undefined;
  } catch {
    return undefined;
  }
}

function safeRecord(root: string, id: string): ContainerRecord | undefined {
  try {
    return readRecord(root, id);
  } catch {
    return undefined;
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
