import { realpathSync, statSync } from 'node:fs';
import type { HostFacts } from '../checks/types.js';

const namespaceFiles: Record<string, string> = { pid: 'pid', network: 'net', ipc: 'ipc', uts: 'uts', user: 'user', cgroup: 'cgroup', mount: 'mnt' };

/** The host as the checks see it: symlinks resolved, namespaces compared with init's. */
export const hostFacts: HostFacts = {
  realpath(path: string): string {
    // Resolve the longest prefix that exists: Docker creates a missing -v
    // source only after asking, so judge the path it will have.
    const parts = path.split('/').filter(Boolean);
    for (let length = parts.length; length >= 0; length -= 1) {
      try {
        const head = realpathSync(`/${parts.slice(0, length).join('/')}`);
        const tail = parts.slice(length);
        return tail.length === 0 ? head : `${head === '/' ? '' : head}/${tail.join('/')}`;
      } catch {
        // Try a shorter prefix.
      }
    }
    return path;
  },
  isHostNamespace(type: string, path: string): boolean {
    const file = namespaceFiles[type];
    if (file === undefined) return false;
    try {
      const theirs = statSync(path);
      const hosts = statSync(`/proc/1/ns/${file}`);
      return theirs.dev === hosts.dev && theirs.ino === hosts.ino;
    } catch {
      return false;
    }
  },
};

/** The containerd namespace a call comes from: the last part of --root ("moby", "k8s.io"). */
export function callerOf(root: string): string {
  const parts = root.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}
