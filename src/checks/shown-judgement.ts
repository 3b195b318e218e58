import { isSameOrBelow } from '../spec/mount-options.js';
import { whatSourceShows, type SourceShows } from './source-identity.js';
import type { CheckContext } from './types.js';

/** Why a host path may not be shown to a container (what it exposes, and how to allow it), or undefined when it may. */
export type HostPathVerdict = (path: string) => { readonly hit: string; readonly exposes: string; readonly hint: string } | undefined;

/**
 * What a source shows, judged: the clause that follows "the volume v on /e"
 * (or "the bind mount of host path P on /e"), or undefined when all of it
 * may be shown. An overlay is judged by each of its layers, as they show.
 */
export function judgeShown(shows: SourceShows, verdict: HostPathVerdict, context: CheckContext, depth: number): string | undefined {
  const { mount } = shows;
  const what = mount === undefined ? '' : `${mount.fsType} ${mount.source}${mount.root === '/' ? '' : `, root ${mount.root}`}`;
  switch (shows.kind) {
    case 'kernel':
      return `is ${mount?.fsType ?? 'a kernel filesystem'} (${what}), a filesystem of the kernel's own, which exposes the host wherever it is mounted from; to allow it, a rule for this container sets checks.sensitiveMounts.mode to audit`;
    case 'unknown':
      return `is ${shows.reason}, so hardrun cannot tell what it shows; to allow it, a rule for this container sets checks.sensitiveMounts.mode to audit`;
    case 'overlay':
      for (const layer of shows.layers) {
        const real = context.host.realpath(layer);
        const found = verdict(real);
        if (found !== undefined) return `is an overlay whose layer ${layer}${relationOf(real, found.hit)} exposes ${found.exposes}${found.hint || `; list ${real} in checks.sensitiveMounts.allow to allow it`}`;
        const table = context.host.mounts?.();
        const deeper = table === undefined || depth >= 4 ? undefined : judgeShown(whatSourceShows(real, table), verdict, context, depth + 1);
        if (deeper !== undefined) return `is an overlay whose layer ${layer} ${deeper}`;
      }
      return undefined;
    case 'path':
      for (const path of shows.hostPaths.slice(1)) {
        const found = verdict(path);
        if (found === undefined) continue;
        return `is a mount of the host's ${path}${relationOf(path, found.hit)} (${what}), which exposes ${found.exposes}${found.hint || `; list ${path} in checks.sensitiveMounts.allow to allow it`}`;
      }
      return undefined;
  }
}

export function relationOf(source: string, hit: string): string {
  return source === hit ? '' : isSameOrBelow(hit, source) ? `, a parent of ${hit}` : `, under ${hit}`;
}

/** The path is sensitive itself, beneath a sensitive one, or a parent of one; `/` counts only as itself. */
export function overlaps(source: string, sensitive: string): boolean {
  return isSameOrBelow(sensitive, source) || (sensitive !== '/' && isSameOrBelow(source, sensitive));
}

