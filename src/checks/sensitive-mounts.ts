import type { Mount, Spec } from '../spec/types.js';
import { isBindMount, isSameOrBelow, normalizeDestination } from '../harden/mount-options.js';
import { hostSourcesOf } from './mount-source.js';
import { pathPattern } from './paths.js';
import type { Check, Violation } from './types.js';

export interface SensitiveMountSettings {
  readonly paths: readonly string[];
  readonly allow: readonly string[];
}

/**
 * A bind mount is judged by the host path its source really names (`/var/run`
 * is a link to `/run`; a relative source is the bundle's), and mounting a parent of a sensitive path counts as
 * mounting it: `-v /run:/x` hands over the Docker socket. Everything beneath
 * a sensitive path is sensitive too, except where `allow` says (Docker's own
 * per-container files, named volumes). `/` protects only itself.
 */
export const checkSensitiveMounts: Check<SensitiveMountSettings> = (spec, settings, { id, host, origin }) => {
  const violations: Violation[] = [];
  if (!(spec.mounts ?? []).some(isBindMount)) return violations;
  const allowed = settings.allow.map(pattern => pathPattern(pattern.replaceAll('{id}', id)));
  const paths = settings.paths.map(normalizeDestination);
  (spec.mounts ?? []).forEach((mount, index) => {
    if (!isBindMount(mount) || mount.source === undefined) return;
    let source = '';
    let hit: string | undefined;
    for (const candidate of hostSourcesOf(mount.source, origin, host)) {
      if (allowed.some(matches => matches(candidate))) continue;
      source = candidate;
      hit = paths.find(path => isSameOrBelow(path, candidate) || (path !== '/' && isSameOrBelow(candidate, path)));
      if (hit !== undefined) break;
    }
    if (hit === undefined) return;
    const how = source === hit ? '' : isSameOrBelow(hit, source) ? `, a parent of ${hit}` : `, under ${hit}`;
    violations.push({
      check: 'sensitiveMounts',
      path: `mounts[${index}].source`,
      message: `the bind mount of host path ${mount.source}${source === mount.source ? '' : ` (${source})`}${how} on ${mount.destination} exposes the host`,
      fix: current => withoutMount(current, mount),
    });
  });
  return violations;
};

function withoutMount(spec: Spec, mount: Mount): Spec {
  return { ...spec, mounts: (spec.mounts ?? []).filter(other => other !== mount && !(other.destination === mount.destination && other.source === mount.source)) };
}
