// What the kubelet asks containerd's CRI for a pod, in the kubelet's order,
// with the directories it makes on the node (log directory, emptyDir,
// /etc/hosts, /dev/termination-log), all under a test's own directory
// instead of /var/log/pods and /var/lib/kubelet/pods.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerConfig, ContainerSecurityContext, CriClient, CriMount, NamespaceOption, PodSandboxConfig } from './cri-client.js';

/** The kubelet's masked and read-only /proc paths for procMount: Default (pkg/securitycontext). */
export const defaultMaskedPaths = ['/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware'];
export const defaultReadonlyPaths = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly command: string[];
  /** emptyDir volume name → mount path; the kubelet makes one host directory per pod and name. */
  readonly emptyDirs?: Record<string, string>;
  readonly hostPaths?: { hostPath: string; containerPath: string; readonly?: boolean }[];
  /** Merged over what the kubelet sends for an empty securityContext. */
  readonly securityContext?: ContainerSecurityContext;
}

export interface PodSpec {
  readonly name: string;
  readonly handler: string;
  readonly initContainers?: readonly ContainerSpec[];
  readonly containers: readonly ContainerSpec[];
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  /**
   * The pod's cgroup parent, as the kubelet sends it: a systemd slice
   * (`kubepods-besteffort-pod<uid>.slice`) on a node whose kubelet and
   * runtime use the systemd cgroup driver, from which containerd makes
   * runc's `slice:cri-containerd:<id>`; none means cgroupfs paths.
   */
  readonly cgroupParent?: string;
}

export interface RunningPod {
  readonly sandboxId: string;
  readonly config: PodSandboxConfig;
  /** Container name → id, init containers included. */
  readonly ids: Map<string, string>;
  /** The pod's directory, as /var/lib/kubelet/pods/<uid>. */
  readonly podDir: string;
  emptyDir(name: string): string;
  /** What CRI wrote to the container's log file (log_directory/log_path). */
  log(name: string): Promise<string>;
  /** Every container stopped and removed, the sandbox stopped and removed: the kubelet's order. Never throws. */
  remove(): Promise<string[]>;
}

/** Where a step failed, with what the pod got so far, so the caller can still remove it. */
export class PodStartError extends Error {
  constructor(message: string, readonly pod: RunningPod, options: { cause: unknown }) {
    super(message, options);
  }
}

/**
 * RunPodSandbox, then each init container run to completion (exit 0), then
 * every app container created and started. On failure the pod is handed
 * back in a PodStartError so the caller removes it.
 */
export async function runPod(cri: CriClient, base: string, spec: PodSpec): Promise<RunningPod> {
  const uid = `${spec.name}-${randomBytes(4).toString('hex')}`;
  const podDir = join(base, 'kubelet', 'pods', uid);
  const logDirectory = join(base, 'log', 'pods', `default_${spec.name}_${uid}`);
  await mkdir(logDirectory, { recursive: true });
  const etcHosts = join(podDir, 'etc-hosts');
  await mkdir(podDir, { recursive: true });
  await writeFile(etcHosts, `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n127.0.0.2\t${spec.name}\n`);
  const namespaceOptions: NamespaceOption = { network: spec.hostNetwork ? 'NODE' : 'POD', pid: spec.hostPID ? 'NODE' : 'CONTAINER', ipc: spec.hostIPC ? 'NODE' : 'POD' };
  const config: PodSandboxConfig = {
    metadata: { name: spec.name, uid, namespace: 'default', attempt: 0 },
    // The kubelet names no hostname for a hostNetwork pod: it has the node's.
    ...(spec.hostNetwork ? {} : { hostname: spec.name }),
    logDirectory,
    labels: { 'io.kubernetes.pod.name': spec.name, 'io.kubernetes.pod.namespace': 'default', 'io.kubernetes.pod.uid': uid },
    // The kubelet's default: seccomp Unconfined unless the pod or seccompDefault says otherwise.
    // A pod with a privileged container has a privileged sandbox (CRI refuses the container otherwise).
    linux: {
      ...(spec.cgroupParent === undefined ? {} : { cgroupParent: spec.cgroupParent }),
      securityContext: { namespaceOptions, seccomp: { profileType: 'Unconfined' }, privileged: [...spec.initContainers ?? [], ...spec.containers].some(container => container.securityContext?.privileged === true) },
    },
  };
  const ids = new Map<string, string>();
  let sandboxId = '';
  const emptyDir = (name: string): string => join(podDir, 'volumes', 'kubernetes.io~empty-dir', name);
  const pod: RunningPod = {
    get sandboxId() { return sandboxId; },
    config,
    ids,
    podDir,
    emptyDir,
    log: async name => readFile(join(logDirectory, name, '0.log'), 'utf8').catch(() => ''),
    remove: async () => {
      const errors: string[] = [];
      for (const id of [...ids.values()].reverse()) {
        await cri.stopContainer(id, 2).catch((error: unknown) => errors.push(String(error)));
        await cri.removeContainer(id).catch((error: unknown) => errors.push(String(error)));
      }
      if (sandboxId !== '') {
        await cri.stopPodSandbox(sandboxId).catch((error: unknown) => errors.push(String(error)));
        await cri.removePodSandbox(sandboxId).catch((error: unknown) => errors.push(String(error)));
      }
      return errors;
    },
  };
  const step = async <T>(what: string, action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      throw new PodStartError(`${what}: ${(error as Error).message}`, pod, { cause: error });
    }
  };
  sandboxId = await step('RunPodSandbox', () => cri.runPodSandbox(config, spec.handler));
  for (const container of [...spec.initContainers ?? [], ...spec.containers]) {
    for (const volume of Object.keys(container.emptyDirs ?? {})) {
      await mkdir(emptyDir(volume), { recursive: true });
      await chmod(emptyDir(volume), 0o777); // the kubelet's mode for an emptyDir on disk
    }
  }
  for (const container of spec.initContainers ?? []) {
    const id = await createAndStart(cri, pod, container, step);
    const status = await step(`init container ${container.name}`, () => waitForExit(cri, id));
    if (status.exitCode !== 0) throw new PodStartError(`init container ${container.name} exited ${status.exitCode}: ${status.reason} ${status.message}`, pod, { cause: status });
  }
  for (const container of spec.containers) await createAndStart(cri, pod, container, step);
  return pod;
}

async function createAndStart(cri: CriClient, pod: RunningPod, container: ContainerSpec, step: <T>(what: string, action: () => Promise<T>) => Promise<T>): Promise<string> {
  const config = await containerConfig(pod, container);
  const id = await step(`CreateContainer ${container.name}`, () => cri.createContainer(pod.sandboxId, config, pod.config));
  pod.ids.set(container.name, id);
  await step(`StartContainer ${container.name}`, () => cri.startContainer(id));
  return id;
}

/** ContainerConfig as the kubelet writes it for this container (kuberuntime_container.go's generateContainerConfig). */
async function containerConfig(pod: RunningPod, container: ContainerSpec): Promise<ContainerConfig> {
  await mkdir(join(pod.config.logDirectory ?? '', container.name), { recursive: true });
  const termination = join(pod.podDir, 'containers', container.name, randomBytes(4).toString('hex'));
  await mkdir(join(pod.podDir, 'containers', container.name), { recursive: true });
  await writeFile(termination, '');
  const mounts: CriMount[] = [
    ...Object.entries(container.emptyDirs ?? {}).map(([volume, path]) => ({ containerPath: path, hostPath: pod.emptyDir(volume) })),
    ...(container.hostPaths ?? []).map(mount => ({ containerPath: mount.containerPath, hostPath: mount.hostPath, readonly: mount.readonly ?? false })),
    { containerPath: '/etc/hosts', hostPath: join(pod.podDir, 'etc-hosts') },
    { containerPath: '/dev/termination-log', hostPath: termination },
  ];
  const namespaces = pod.config.linux?.securityContext?.namespaceOptions ?? {};
  const securityContext: ContainerSecurityContext = {
    namespaceOptions: namespaces,
    seccomp: { profileType: 'Unconfined' },
    maskedPaths: defaultMaskedPaths,
    readonlyPaths: defaultReadonlyPaths,
    ...container.securityContext,
  };
  return {
    metadata: { name: container.name, attempt: 0 },
    image: { image: container.image },
    command: container.command,
    mounts,
    labels: { 'io.kubernetes.container.name': container.name, 'io.kubernetes.pod.name': pod.config.metadata.name },
    annotations: { 'io.kubernetes.container.terminationMessagePath': '/dev/termination-log' },
    logPath: join(container.name, '0.log'),
    linux: { securityContext },
  };
}

async function waitForExit(cri: CriClient, id: string, timeoutMs = 60_000): Promise<{ exitCode: number; reason: string; message: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await cri.containerStatus(id);
    if (status.state === 'CONTAINER_EXITED') return status;
    if (Date.now() > deadline) throw new Error(`still ${status.state} after ${timeoutMs} ms`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** The lines of a CRI log file ("<time> <stream> <P|F> <text>"), as kubectl logs shows them. */
export function logLines(text: string): string[] {
  return text.split('\n').filter(Boolean).map(line => line.split(' ').slice(3).join(' '));
}

/** Polls `predicate` until it holds or `timeoutMs` has passed; its last answer. */
export async function waitFor(predicate: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  return predicate();
}
