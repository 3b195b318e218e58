import type { HostFacts } from '../../src/checks/types.js';
import { parseMountTable } from '../../src/host/mountinfo.js';

/** What a fake host's mounts are: its mountinfo lines, and its block device nodes (path to `major:minor`). */
export interface FakeMounts {
  readonly mountinfo: readonly string[];
  readonly blockDevices?: Readonly<Record<string, string>>;
}

/**
 * Host facts for unit tests: a symlink table, a set of host namespace
 * paths, the paths that are Unix sockets, and, when given, a mount table
 * (without one, sources are judged by their paths alone).
 */
export function fakeHost(links: Record<string, string> = {}, hostNamespaces: readonly string[] = [], sockets: readonly string[] = [], mounts?: FakeMounts): HostFacts {
  return {
    ...(mounts === undefined ? {} : {
      mounts: () => parseMountTable(mounts.mountinfo.join('\n')),
      blockDevice: (path: string) => mounts.blockDevices?.[path],
    }),
    realpath(path) {
      for (const [from, to] of Object.entries(links)) {
        if (path === from || path.startsWith(`${from}/`)) return `${to}${path.slice(from.length)}`;
      }
      return path;
    },
    isHostNamespace(_type, path) {
      return hostNamespaces.includes(path);
    },
    isSocket(path) {
      return sockets.includes(this.realpath(path));
    },
  };
}
