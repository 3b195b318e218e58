import { isAbsolute, posix } from 'node:path';
import { HardrunError } from '../errors.js';
import { runDir } from '../host/directories.js';
import { isSameOrBelow, normalizeDestination } from '../spec/mount-options.js';
import type { Mount, Spec } from '../spec/types.js';
import { hostSourcesOf } from './mount-source.js';
import { judgeShown, overlaps, type HostPathVerdict } from './shown-judgement.js';
import { kernelFilesystems, whatSourceShows } from './source-identity.js';
import type { CheckContext, Violation } from './types.js';

/**
 * Where a new mount of a kernel filesystem belongs: the container's own
 * instance there is what the masked and read-only paths cover. The same
 * filesystem at a second place (procfs on /x) is unmasked: its
 * /x/sysrq-trigger is the host's.
 */
const standardPlaces: Readonly<Record<string, (destination: string) => boolean>> = {
  proc: destination => destination === '/proc',
  sysfs: destination => destination === '/sys',
  cgroup: destination => isSameOrBelow(destination, '/sys/fs/cgroup'),
  cgroup2: destination => destination === '/sys/fs/cgroup',
  mqueue: destination => destination === '/dev/mqueue',
  devpts: destination => destination === '/dev/pts',
};

/** The options of an overlay that name host directories. */
const layerOptions = /^(lowerdir\+?|upperdir|workdir|datadir\+)=(.*)$/;

/**
 * A mount that is not a bind: a kernel filesystem away from its standard
 * place, an overlay (judged by each host directory it names), or a block
 * device (judged as what the host shows of that device: its own disk is
 * `/`). A tmpfs or the like is the container's own.
 */
export function judgeOtherMount(mount: Mount, verdict: HostPathVerdict, context: CheckContext): string | undefined {
  const type = mount.type ?? '';
  const destination = normalizeDestination(mount.destination);
  if (kernelFilesystems.has(type) && standardPlaces[type]?.(destination) !== true) {
    return `the ${type} mount on ${mount.destination} is a filesystem of the kernel's own away from its standard place, where the masked and read-only paths do not cover it; to allow it, a rule for this container sets checks.sensitiveMounts.mode to audit`;
  }
  if (type === 'overlay') {
    for (const option of mount.options ?? []) {
      const [, key, value] = layerOptions.exec(option) ?? [];
      if (key === undefined || value === undefined) continue;
      for (const layer of value.split(/(?<!\\):/).filter(part => part !== '')) {
        for (const real of hostSourcesOf(layer, context.origin, context.host)) {
          const clause = judgePath(real, verdict, context);
          if (clause !== undefined) return `the overlay on ${mount.destination} names ${key} ${layer}, which ${clause}`;
        }
      }
    }
    return undefined;
  }
  const source = mount.source;
  if (source === undefined || !isAbsolute(source)) return undefined;
  const device = context.host.blockDevice?.(source);
  if (device === undefined) return undefined;
  const shown = (context.host.mounts?.().mounts ?? []).filter(entry => entry.device === device).map(entry => entry.mountPoint);
  if (shown.length === 0) {
    return `the ${type} mount on ${mount.destination} is of the block device ${source}, which no host mount shows: a host disk handed to the container; to allow it, a rule for this container sets checks.sensitiveMounts.mode to audit`;
  }
  for (const path of shown) {
    const found = verdict(path);
    if (found !== undefined) return `the ${type} mount on ${mount.destination} is of the block device ${source}, which the host mounts on ${path}: it exposes ${found.exposes}; list ${path} in checks.sensitiveMounts.allow to allow it`;
  }
  return undefined;
}

/** A host path as a mount of it would show it: itself, then what its mount shows. */
function judgePath(real: string, verdict: HostPathVerdict, context: CheckContext): string | undefined {
  const found = verdict(real);
  if (found !== undefined) return `exposes ${found.exposes}${found.hint}`;
  const table = context.host.mounts?.();
  return table === undefined ? undefined : judgeShown(whatSourceShows(real, table), verdict, context, 0);
}

/** What a container's root may never be: the host's system directories and hardrun's staging, or a parent of a sensitive path. */
const neverRoots = ['/proc', '/sys', '/dev', '/boot', '/etc', '/root', runDir];

/**
 * The root filesystem is the largest mount of all. It may lie in an
 * engine's storage (Docker's and containerd's are under sensitive paths,
 * and their overlays name their layers by relative paths),
 * but it may not be the host's own `/`, a system directory or anything
 * under one, another container's staging, a parent of any sensitive path,
 * or a kernel filesystem, however its path is spelled or whatever is
 * mounted there.
 */
export function judgeRoot(spec: Spec, sensitive: readonly string[], context: CheckContext): Violation | undefined {
  const rootPath = spec.root?.path;
  if (typeof rootPath !== 'string' || rootPath === '') return undefined;
  const named = isAbsolute(rootPath) ? rootPath : posix.join(context.origin.bundle, rootPath);
  const real = context.host.realpath(normalizeDestination(named));
  const table = context.host.mounts?.();
  const shows = table === undefined ? { kind: 'path' as const, mount: undefined, hostPaths: [real] } : whatSourceShows(real, table);
  let message: string | undefined;
  if (shows.kind === 'kernel') {
    message = `the root filesystem ${rootPath} ${judgeShown(shows, () => undefined, context, 0) ?? ''}`;
  } else if (shows.kind === 'path') {
    for (const path of shows.hostPaths) {
      const system = neverRoots.find(place => isSameOrBelow(path, place));
      const parent = sensitive.map(normalizeDestination).find(place => path !== place && overlaps(path, place) && isSameOrBelow(place, path));
      const hit = path === '/' ? '/' : system ?? parent;
      if (hit === undefined) continue;
      const relation = path === hit ? '' : isSameOrBelow(hit, path) ? `, a parent of ${hit},` : `, under ${hit},`;
      message = `the root filesystem ${rootPath} is the host's ${path}${relation} which exposes the host`;
      break;
    }
  }
  if (message === undefined) return undefined;
  const refused = message;
  return {
    check: 'sensitiveMounts', path: 'root.path', message: refused,
    fix: () => {
      throw new HardrunError('refused', `hardrun refused this container: ${refused}; a root filesystem cannot be hardened away`);
    },
  };
}
