import type { Mount, Spec } from '../spec/types.js';
import { isBindMount, isSameOrBelow, normalizeDestination } from '../spec/mount-options.js';
import { enginePathsOf } from './engine-paths.js';
import { hostSourcesOf } from './mount-source.js';
import { pathPattern } from './paths.js';
import type { Check, Violation } from './types.js';
import { defineCheck } from './unit.js';

export interface SensitiveMountSettings {
  readonly paths: readonly string[];
  readonly allow: readonly string[];
}

/**
 * A bind mount is judged by the host path its source really names (`/var/run`
 * is a link to `/run`; a relative source is the bundle's), and mounting a parent of a sensitive path counts as
 * mounting it: `-v /run:/x` hands over the Docker socket. Everything beneath
 * a sensitive path is sensitive too, except where `allow` says (Docker's own
 * per-container files, named volumes). `/` protects only itself. The
 * calling engine's own state directories, wherever the call shows them to
 * be (engine-paths.ts), and any Unix socket count as sensitive too.
 */
export const checkSensitiveMounts: Check<SensitiveMountSettings> = (spec, settings, { id, host, origin }) => {
  const violations: Violation[] = [];
  if (!(spec.mounts ?? []).some(isBindMount)) return violations;
  const engine = enginePathsOf(origin, spec);
  const allowed = [...settings.allow, ...engine.allow].map(pattern => pathPattern(pattern.replaceAll('{id}', id)));
  const paths = settings.paths.map(normalizeDestination);
  const enginePaths = engine.paths.map(entry => ({ ...entry, path: host.realpath(entry.path) }));
  (spec.mounts ?? []).forEach((mount, index) => {
    if (!isBindMount(mount) || mount.source === undefined) return;
    const named = (source: string): string => `host path ${mount.source}${source === mount.source ? '' : ` (${source})`}`;
    const relation = (source: string, hit: string): string => source === hit ? '' : isSameOrBelow(hit, source) ? `, a parent of ${hit}` : `, under ${hit}`;
    const judge = (source: string): string | undefined => {
      if (allowed.some(matches => matches(source))) return undefined;
      const hit = paths.find(path => overlaps(source, path));
      if (hit !== undefined) return `the bind mount of ${named(source)}${relation(source, hit)} on ${mount.destination} exposes the host`;
      // The directory the source is in says most about it; else the first one it is a parent of.
      const state = enginePaths.filter(entry => isSameOrBelow(source, entry.path)).sort((a, b) => b.path.length - a.path.length)[0]
        ?? enginePaths.find(entry => overlaps(source, entry.path));
      if (state !== undefined) {
        return `the bind mount of ${named(source)}${relation(source, state.path)} on ${mount.destination} exposes ${state.what}; `
          + 'list the path in checks.sensitiveMounts.allow to allow it';
      }
      if (host.isSocket(source)) {
        return `the bind mount of ${named(source)} on ${mount.destination} hands over a Unix socket, a host service's API (a container engine's is root on the host); `
          + 'list the path in checks.sensitiveMounts.allow to allow it';
      }
      return undefined;
    };
    const message = hostSourcesOf(mount.source, origin, host).map(judge).find(found => found !== undefined);
    if (message === undefined) return;
    violations.push({ check: 'sensitiveMounts', path: `mounts[${index}].source`, message, fix: current => withoutMount(current, mount) });
  });
  return violations;
};

/** The path is sensitive itself, beneath a sensitive one, or a parent of one; `/` counts only as itself. */
function overlaps(source: string, sensitive: string): boolean {
  return isSameOrBelow(sensitive, source) || (sensitive !== '/' && isSameOrBelow(source, sensitive));
}

function withoutMount(spec: Spec, mount: Mount): Spec {
  return { ...spec, mounts: (spec.mounts ?? []).filter(other => other !== mount && !(other.destination === mount.destination && other.source === mount.source)) };
}

export const sensitiveMountsCheck = defineCheck({
  name: 'sensitiveMounts',
  defaults: {
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
  check: checkSensitiveMounts,
});
