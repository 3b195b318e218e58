import type { HostFacts } from '../../src/checks/types.js';

/** Host facts for unit tests: a symlink table, a set of host namespace paths, and the paths that are Unix sockets. */
export function fakeHost(links: Record<string, string> = {}, hostNamespaces: readonly string[] = [], sockets: readonly string[] = []): HostFacts {
  return {
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
