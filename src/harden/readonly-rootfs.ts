import type { Mount, Spec } from '../spec/types.js';
import { isBindMount, isReadOnly, isSameOrBelow, normalizeDestination, withReadOnly } from '../spec/mount-options.js';
import type { RootfsSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import { specTransform } from './unit.js';

/**
 * Makes the root filesystem read-only, with a tmpfs on each writable path,
 * and Docker's per-container bind mounts (hosts, hostname, resolv.conf)
 * read-only as well: read-write they would bypass the read-only root and
 * let a container fill the host's disk. They stay in place, since Docker
 * rewrites resolv.conf from the host side. gVisor honours all of it.
 */
export function applyReadonlyRootfs(spec: Spec, settings: RootfsSettings, context: HardenContext): TransformResult<Spec> {
  const findings: Finding[] = [];
  let next = spec;
  if (spec.root?.readonly !== true) {
    next = { ...next, root: { ...spec.root, readonly: true } };
    findings.push({
      rule: 'readonly-rootfs',
      action: 'changed',
      path: 'root.readonly',
      message: 'set root.readonly, so that only the writable paths accept writes (hardening.rootfs)',
    });
  }
  const mounts = withReadOnlyBindMounts(spec.mounts ?? [], settings, findings);
  const withTmpfs = withWritablePaths(mounts, settings, findings, context.resolveDestination);
  if (withTmpfs !== spec.mounts && withTmpfs.length > 0) next = { ...next, mounts: withTmpfs };
  return { spec: next, findings };
}

function withReadOnlyBindMounts(mounts: Mount[], settings: RootfsSettings, findings: Finding[]): Mount[] {
  const destinations = new Set(settings.readonlyBindMounts.map(normalizeDestination));
  let next = mounts;
  mounts.forEach((mount, index) => {
    if (!destinations.has(normalizeDestination(mount.destination)) || !isBindMount(mount) || isReadOnly(mount)) return;
    if (next === mounts) next = [...mounts];
    next[index] = { ...mount, options: withReadOnly(mount.options) };
    findings.push({
      rule: 'readonly-rootfs',
      action: 'changed',
      path: `mounts[${index}].options`,
      message: `made the bind mount at ${mount.destination} read-only, so it cannot bypass the read-only root (hardening.rootfs.readonlyBindMounts)`,
    });
  });
  return next;
}

/**
 * A tmpfs on each writable path the spec does not already cover with a
 * mount at that path or above it, placed before any mount below it (such as
 * Kubernetes' /run/secrets) so that it does not hide them. Paths are judged
 * where they resolve inside the rootfs: with the image's /var/run linking
 * to /run, a volume at /var/run/postgresql is beneath the /run tmpfs, and
 * so must come after it; a writable /var/tmp linking to /tmp is already
 * covered by the /tmp tmpfs (but one linking to /tmp/x is not: x does not
 * exist on a fresh tmpfs, so it gets its own, which runc mounts there).
 */
function withWritablePaths(mounts: Mount[], settings: RootfsSettings, findings: Finding[], resolveDestination?: (path: string) => string): Mount[] {
  const resolved = new Map<string, string>();
  const resolve = (path: string): string => {
    const normal = normalizeDestination(path);
    if (resolveDestination === undefined) return normal;
    let known = resolved.get(normal);
    if (known === undefined) resolved.set(normal, known = normalizeDestination(resolveDestination(normal)));
    return known;
  };
  let next = mounts;
  const added = new Set<Mount>();
  for (const written of settings.writablePaths.map(normalizeDestination)) {
    const path = resolve(written);
    const destinations = next.map(mount => resolve(mount.destination));
    const covered = (mount: Mount): boolean => {
      const destination = resolve(mount.destination);
      return destination !== '/' && (added.has(mount) ? path === destination : isSameOrBelow(path, destination));
    };
    if (next.some(covered)) continue;
    const below = destinations.findIndex(destination => isSameOrBelow(destination, path));
    const at = below === -1 ? next.length : below;
    const tmpfs = buildTmpfs(written, settings);
    added.add(tmpfs);
    next = [...next.slice(0, at), tmpfs, ...next.slice(at)];
    findings.push({
      rule: 'readonly-rootfs',
      action: 'changed',
      path: 'mounts',
      message: `mounted a ${settings.tmpfsSize} tmpfs at ${written}${path === written ? '' : ` (${path} in the image)`}, so programs can write there under the read-only root; it starts with the image's content there (hardening.rootfs.writablePaths)`,
    });
  }
  return next;
}

/**
 * `tmpcopyup` (runc's extension, which Docker's own `--tmpfs` uses) fills the
 * tmpfs with the image's content at that path, owners and modes included, so
 * a directory the image made for its service (postgres' /run/postgresql,
 * mariadb's /run/mysqld) is still there. runsc accepts it and starts the
 * tmpfs empty, with `mode=1777`.
 */
function buildTmpfs(destination: string, settings: RootfsSettings): Mount {
  const options = ['nosuid', 'nodev', ...(settings.noexec ? ['noexec'] : []), `size=${settings.tmpfsSize}`, 'mode=1777', 'tmpcopyup'];
  return { destination, type: 'tmpfs', source: 'tmpfs', options };
}

export const rootfsTransform = specTransform({
  name: 'rootfs',
  defaults: {
    mode: 'harden',
    writablePaths: ['/tmp', '/run', '/var/tmp'],
    tmpfsSize: '64m',
    noexec: false,
    learn: false,
    readonlyBindMounts: ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'],
  },
  apply: applyReadonlyRootfs,
});
