import type { Backend } from '../backend/backend.js';
import { defaultHardening } from '../harden/settings.js';
import type { CheckSettings, Policy, PolicyHardening } from './policy.js';

/** The backends every policy knows by name, like daemon.json's stock runtimes. */
export const builtinBackends: Readonly<Record<'runc' | 'runsc' | 'kata', Backend> & Record<string, Backend>> = {
  runc: { name: 'runc', kind: 'runc', path: 'runc', args: [] },
  runsc: { name: 'runsc', kind: 'runsc', path: 'runsc', args: [] },
  kata: { name: 'kata', kind: 'kata', path: 'kata-runtime', args: [] },
};

export const builtinHardening: PolicyHardening = defaultHardening;

export const builtinChecks: CheckSettings = {
  hostNamespaces: { mode: 'enforce', types: ['pid', 'network', 'ipc', 'uts', 'user', 'cgroup'] },
  sensitiveMounts: {
    mode: 'enforce',
    // Mounting any of these, a parent of one, or anything beneath one,
    // hands the host over: its kernel interfaces, its configuration and
    // secrets, the container engines' state and sockets.
    paths: [
      '/', '/proc', '/sys', '/dev', '/boot', '/etc', '/root',
      '/run/docker.sock', '/run/docker', '/run/containerd', '/run/runc', '/run/hardrun', '/run/crio', '/run/podman',
      '/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet', '/var/run',
    ],
    // What Docker, containerd's CRI and the kubelet mount into every
    // container from beneath those paths: per-container files and volumes.
    allow: [
      '/var/lib/docker/containers/{id}/*',
      '/var/lib/docker/containers/{id}/mounts/*',
      '/var/lib/docker/volumes/*/_data/**',
      '/var/lib/kubelet/pods/*/volumes/**',
      '/var/lib/kubelet/pods/*/volume-subpaths/**',
      '/var/lib/kubelet/pods/*/etc-hosts',
      '/var/lib/kubelet/pods/*/containers/**',
      '/run/containerd/io.containerd.grpc.v1.cri/sandboxes/*/*',
      '/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/*/*',
    ],
  },
  devices: { mode: 'enforce' },
  // Asked for (--cap-add, --privileged) and not on the allowlist: refused,
  // not dropped in silence. Docker's own defaults are still dropped quietly.
  extraCapabilities: { mode: 'enforce' },
  procCwd: { mode: 'enforce' },
  sysctls: {
    mode: 'enforce',
    // The namespaced sysctls Docker and Kubernetes let a container set.
    allow: [
      'kernel.shm_rmid_forced', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem',
      'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'fs.mqueue.*', 'net.*',
    ],
  },
  mountPropagation: { mode: 'enforce' },
};

/** What applies when no policy file exists: runc, every hardening on, every check enforced. */
export const builtinPolicy: Policy = {
  source: 'built-in',
  defaultBackend: 'runc',
  sandboxBackend: undefined,
  backends: builtinBackends,
  audit: {},
  hardening: builtinHardening,
  checks: builtinChecks,
  rules: [],
};
