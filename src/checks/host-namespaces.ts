import type { Namespace, Spec } from '../spec/types.js';
import type { Check, Violation } from './types.js';
import { defineCheck } from './unit.js';

export interface HostNamespaceSettings {
  readonly types: readonly string[];
}

/**
 * Types whose absence from linux.namespaces means the host's own. A missing
 * user namespace is the user-namespace transform's to add, and a missing
 * cgroup namespace is Docker's default on cgroup v1 hosts: for those two,
 * only joining the host's namespace by path counts.
 */
const absentMeansHost = new Set(['pid', 'network', 'ipc', 'uts', 'mount']);

const names: Record<string, string> = { pid: 'pid', network: 'network', ipc: 'IPC', uts: 'UTS (hostname)', user: 'user', cgroup: 'cgroup', mount: 'mount' };

export const checkHostNamespaces: Check<HostNamespaceSettings> = (spec, settings, { host }) => {
  const namespaces = spec.linux?.namespaces ?? [];
  const violations: Violation[] = [];
  for (const type of settings.types) {
    const index = namespaces.findIndex(namespace => namespace.type === type);
    const entry = namespaces[index];
    const shared = entry === undefined
      ? absentMeansHost.has(type)
      : entry.path !== undefined && entry.path !== '' && host.isHostNamespace(type, entry.path);
    if (!shared) continue;
    violations.push({
      check: 'hostNamespaces',
      path: entry === undefined ? 'linux.namespaces' : `linux.namespaces[${index}].path`,
      message: `the container shares the host's ${names[type] ?? type} namespace`,
      fix: current => withPrivateNamespace(current, type),
    });
  }
  return violations;
};

function withPrivateNamespace(spec: Spec, type: string): Spec {
  const namespaces: Namespace[] = (spec.linux?.namespaces ?? []).filter(namespace => namespace.type !== type);
  return { ...spec, linux: { ...spec.linux, namespaces: [...namespaces, { type }] } };
}

export const hostNamespacesCheck = defineCheck({
  name: 'hostNamespaces',
  defaults: { mode: 'enforce', types: ['pid', 'network', 'ipc', 'uts', 'user', 'cgroup', 'mount'] },
  check: checkHostNamespaces,
});
