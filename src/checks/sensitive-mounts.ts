import type { Mount, Spec } from '../spec/types.js';
import { isBindMount, isSameOrBelow, normalizeDestination } from '../spec/mount-options.js';
import { enginePathsOf } from './engine-paths.js';
import { hostSourcesOf } from './mount-source.js';
import { judgeOtherMount, judgeRoot } from './other-mounts.js';
import { pathPattern } from './paths.js';
import { mountsBelow, whatSourceShows } from './source-identity.js';
import { judgeShown, overlaps, relationOf, type HostPathVerdict } from './shown-judgement.js';
import type { Check, CheckContext, Violation } from './types.js';
import { defineCheck } from './unit.js';

export interface SensitiveMountSettings {
  readonly paths: readonly string[];
  readonly allow: readonly string[];
}

/**
 * A mount is judged by what the kernel would mount, never by the path it
 * names. A bind's source is first the host path it really names (`/var/run`
 * is a link to `/run`; a relative source is the bundle's), then what that
 * path shows (source-identity.ts): a Docker local volume at
 * `<data-root>/volumes/<name>/_data` may be a bind of /etc, the host's own
 * disk or procfs, and is judged as that; a recursive bind, with every mount
 * below its source. Mounting a parent of a sensitive
 * path counts as mounting it: `-v /run:/x` hands over the Docker socket.
 * Everything beneath a sensitive path is sensitive too, except where
 * `allow` says (Docker's own per-container files, named volumes); `/`
 * protects only itself. The calling engine's own state directories,
 * wherever the call shows them to be (engine-paths.ts), and any Unix
 * socket count as sensitive too. Mounts of other types and the root
 * filesystem are judged in other-mounts.ts, with the same verdict.
 */
export const checkSensitiveMounts: Check<SensitiveMountSettings> = (spec, settings, context) => {
  const violations: Violation[] = [];
  const verdict = hostPathVerdict(spec, settings, context);
  (spec.mounts ?? []).forEach((mount, index) => {
    const message = isBindMount(mount) ? judgeBind(mount, verdict, context) : judgeOtherMount(mount, verdict, context);
    if (message === undefined) return;
    violations.push({ check: 'sensitiveMounts', path: `mounts[${index}].${isBindMount(mount) ? 'source' : mount.type === 'overlay' ? 'options' : 'source'}`, message, fix: current => withoutMount(current, mount) });
  });
  const root = judgeRoot(spec, settings.paths, context);
  if (root !== undefined) violations.push(root);
  return violations;
};

/** The verdict on one host path: sensitive, the engine's state, or a Unix socket. */
function hostPathVerdict(spec: Spec, settings: SensitiveMountSettings, { id, host, origin }: CheckContext): HostPathVerdict {
  const engine = enginePathsOf(origin, spec, path => host.realpath(path));
  const engineAllow = engine.allow.map(pattern => resolvedPattern(pattern, path => host.realpath(path)));
  const allowed = [...settings.allow, ...engineAllow].map(pattern => pathPattern(pattern.replaceAll('{id}', id)));
  const paths = settings.paths.map(normalizeDestination);
  const enginePaths = engine.paths.map(entry => ({ ...entry, path: host.realpath(entry.path) }));
  const allowHint = '; list the path in checks.sensitiveMounts.allow to allow it';
  return path => {
    if (allowed.some(matches => matches(path))) return undefined;
    const hit = paths.find(sensitive => overlaps(path, sensitive));
    if (hit !== undefined) return { hit, exposes: 'the host', hint: '' };
    // The directory the source is in says most about it; else the first one it is a parent of.
    const state = enginePaths.filter(entry => isSameOrBelow(path, entry.path)).sort((a, b) => b.path.length - a.path.length)[0]
      ?? enginePaths.find(entry => overlaps(path, entry.path));
    if (state !== undefined) return { hit: state.path, exposes: state.what, hint: allowHint };
    if (host.isSocket(path)) return { hit: path, exposes: "a Unix socket, a host service's API (a container engine's is root on the host)", hint: allowHint };
    return undefined;
  };
}

/**
 * An engine's exception with its fixed leading directories resolved, as
 * the engine's paths and every source are: a storage root reached through
 * a symlink (/var/lib/containers moved to another disk) keeps its
 * per-container files and volumes.
 */
function resolvedPattern(pattern: string, realpath: (path: string) => string): string {
  const parts = pattern.split('/');
  const fixed = parts.findIndex(part => part.includes('*') || part.includes('{id}'));
  if (fixed <= 1) return pattern;
  return `${realpath(parts.slice(0, fixed).join('/'))}/${parts.slice(fixed).join('/')}`;
}

/** The sentence for a bind that may not be made, or undefined. */
function judgeBind(mount: Mount, verdict: HostPathVerdict, context: CheckContext): string | undefined {
  if (mount.source === undefined) return undefined;
  const source = mount.source;
  for (const real of hostSourcesOf(source, context.origin, context.host)) {
    const named = `host path ${source}${real === source ? '' : ` (${real})`}`;
    const direct = verdict(real);
    if (direct !== undefined) {
      const relation = relationOf(real, direct.hit);
      return direct.exposes === 'the host'
        ? `the bind mount of ${named}${relation} on ${mount.destination} exposes the host`
        : direct.exposes.startsWith('a Unix socket')
          ? `the bind mount of ${named} on ${mount.destination} hands over ${direct.exposes}${direct.hint}`
          : `the bind mount of ${named}${relation} on ${mount.destination} exposes ${direct.exposes}${direct.hint}`;
    }
    const table = context.host.mounts?.();
    if (table === undefined) continue;
    const shown = judgeShown(whatSourceShows(real, table), verdict, context, 0);
    if (shown !== undefined) return `${subjectOf(real, named)} on ${mount.destination} ${shown}`;
    // A recursive bind carries every mount below its source along.
    if (!(mount.options ?? []).includes('rbind')) continue;
    for (const below of mountsBelow(table, real)) {
      const held = judgeShown(whatSourceShows(below.mountPoint, table), verdict, context, 0);
      if (held !== undefined) return `${subjectOf(real, named)} on ${mount.destination} holds the mount on ${below.mountPoint}, which ${held}`;
    }
  }
  return undefined;
}

/** "the volume v" for a Docker or Kubernetes volume's place; else the bind as named. */
function subjectOf(real: string, named: string): string {
  const volume = /\/volumes\/([^/]+)\/_data(?:\/|$)/.exec(real)?.[1] ?? /^\/var\/lib\/kubelet\/pods\/[^/]+\/volumes\/[^/]+\/([^/]+)/.exec(real)?.[1];
  return volume === undefined ? `the bind mount of ${named}` : `the volume ${volume} (${real})`;
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
      // Podman's libpod state (exit codes, events, locks) and its storage root,
      // also where no rootfs in it names it (podman run --rootfs). Last, so
      // that a parent such as /var is named by Docker's path, as before.
      '/run/libpod', '/var/lib/containers',
    ],
    // What Docker, containerd's CRI, the kubelet and Podman mount into every
    // container from beneath those paths: per-container files and volumes.
    allow: [
      '/var/lib/docker/containers/{id}/*',
      '/var/lib/docker/containers/{id}/mounts/*',
      '/var/lib/docker/volumes/*/_data/**',
      '/var/lib/containers/storage/overlay-containers/{id}/userdata/shm',
      '/var/lib/containers/storage/overlay-containers/{id}/userdata/secrets/*',
      '/var/lib/containers/storage/volumes/*/_data/**',
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
