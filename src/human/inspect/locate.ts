import { readdirSync, statSync } from 'node:fs';
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
export function defaultRoots(): string[] {
  const roots = new Set(['/var/run/docker/runtime-runc/moby', '/run/containerd/runc/k8s.io', '/run/containerd/runc/default']);
  for (const parent of ['/var/run/docker/runtime-runc', '/run/containerd/runc']) {
    for (const name of listDir(parent)) if (!name.endsWith('.hardrun')) roots.add(`${parent}/${name}`);
  }
  roots.add('/run/runc');
  return [...roots];
}

/** The containers hardrun manages under these roots: one per record. */
export function listManaged(roots: readonly string[]): FoundContainer[] {
  const found: FoundContainer[] = [];
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
    const ids = new Set([...listDir(recordDir(root)).filter(name => !name.startsWith('.')), ...listDir(root).filter(name => isDir(`${root}/${name}`))]);
    for (const id of ids) {
      if (!id.startsWith(query)) continue;
      found.set(`${root}\0${id}`, { root, id, record: safeRecord(root, id) });
    }
  }
  const all = [...found.values()];
  const exact = all.filter(container => container.id === query);
  return exact.length > 0 ? exact : all;
}

/** The command that asks a container's backend for its state: the recorded one, else plain runc. */
export function stateCommand(container: FoundContainer): string[] {
  const backend = container.record ?? { ...builtinBackends['runc']!, path: resolveBackendPath(builtinBackends['runc']!) };
  return [backend.path, ...backend.args, '--root', container.root, 'state', container.id];
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

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
