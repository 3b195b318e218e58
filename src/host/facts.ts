import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { HostFacts } from '../checks/types.js';
import { resolveInRoot } from '../bundle/secure-join.js';
import { readDockerRecord } from './docker-record.js';
import { parseMountTable, type MountTable } from './mountinfo.js';

const namespaceFiles: Record<string, string> = { pid: 'pid', network: 'net', ipc: 'ipc', uts: 'uts', user: 'user', cgroup: 'cgroup', mount: 'mnt' };

const realpaths = new Map<string, string>();

let mountinfo: string | undefined;

/**
 * The caller's /proc/self/mountinfo, read once per process: the checks
 * judge sources by it and staging reads the rootfs's layers from it, so a
 * create reads one table and stages what it judged.
 */
export function hostMountinfo(): string {
  mountinfo ??= readFileSync('/proc/self/mountinfo', 'utf8');
  return mountinfo;
}

/**
 * The path with symlinks resolved in its longest prefix that exists: Docker
 * creates a missing -v source only after asking, so judge the path it will have.
 */
function longestRealPrefix(path: string): string {
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
}

/** The host as the checks see it: symlinks resolved, namespaces compared with init's. */
export const hostFacts: HostFacts = {
  realpath(path: string): string {
    // Once per path and process: the checks and the staging plan judge one answer.
    const known = realpaths.get(path);
    if (known !== undefined) return known;
    const real = longestRealPrefix(path);
    realpaths.set(path, real);
    return real;
  },
  isSocket(path: string): boolean {
    try {
      return statSync(path).isSocket();
    } catch {
      return false;
    }
  },
  /**
   * Compared with init's namespace and with hardrun's own (the caller's:
   * dockerd and the shims run in the host's). When neither can be read, or
   * the path itself cannot, the answer is yes: a check must not pass because
   * it could not look.
   */
  isHostNamespace(type: string, path: string): boolean {
    const file = namespaceFiles[type];
    if (file === undefined) return false;
    const theirs = inode(path);
    if (theirs === undefined) return true;
    const hosts = [inode(`/proc/1/ns/${file}`), inode(`/proc/self/ns/${file}`)].filter(value => value !== undefined);
    return hosts.length === 0 || hosts.includes(theirs);
  },
  readDockerRecord,
  resolveInRootfs(rootfs: string, path: string): string {
    try {
      const resolved = resolveInRoot(rootfs, path);
      return resolved === rootfs ? '/' : resolved.slice(rootfs.length);
    } catch {
      // A symlink loop: runc refuses the mount itself; judge it as written.
      return path;
    }
  },
  hasPath(path: string): boolean {
    return existsSync(path);
  },
  mounts(): MountTable {
    return parseMountTable(hostMountinfo());
  },
  blockDevice(path: string): string | undefined {
    try {
      const stat = statSync(path);
      // Linux's dev_t: major in bits 8-19 (and 32-43), minor in bits 0-7 and 20-31.
      return stat.isBlockDevice() ? `${((stat.rdev >> 8) & 0xfff)}:${(stat.rdev & 0xff) | ((stat.rdev >> 12) & 0xfff00)}` : undefined;
    } catch {
      return undefined;
    }
  },
};

function inode(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

/** The containerd namespace a call comes from: the last part of --root ("moby", "k8s.io"). */
export function callerOf(root: string): string {
  const parts = root.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}
