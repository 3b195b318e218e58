import type { Spec } from '../spec/types.js';

/**
 * hardrun's state for a container (its record, staging directory and claim
 * of host ids) goes when the backend removes the container, whoever asked
 * for it: runc 1.1 runs a spec's `poststop` hooks each time it destroys a
 * container, after removing its own state (`runc delete`, called through
 * hardrun or not; a create or run that fails once handed over, a failing
 * poststart hook included, since runc 1.1 runs those at create; the end of
 * a foreground `run`). So a create hands runc one more poststop hook, last,
 * after the caller's own, whose indices and words stay runc's.
 *
 * The hook is `sh`, never failing: runc logs a failed hook and a failed
 * `runc delete` of a stopped container would report it. It removes what the
 * launcher's `delete` removes, with the same `rm -d` that never recurses and
 * keeps a claim holding another container's entry. After a create that
 * failed, runc runs it inside the mount namespace hardrun staged in, where
 * the staged views are still mounted on the staging directory's entries:
 * only when that first `rm` fails are they detached (`umount -l`, in that
 * private namespace only: there is nothing to detach on the host) and the
 * `rm` run again, so a plain delete costs one `sh` and one `rm`.
 */
export const cleanupHookScript = 'r=$1 s=$2 c=$3; set -- "$r" ${s:+"$s"/* "$s"} ${c:+"$c/${s##*/}" "$c"}; '
  + 'rm -df -- "$@" 2>/dev/null || { [ -z "$s" ] || umount -l -- "$s"/* 2>/dev/null; rm -df -- "$@" 2>/dev/null; }; exit 0';

/** The word that names the hook among a spec's poststop hooks ($0 of its script). */
const marker = 'hardrun-cleanup';

export interface CleanupTarget {
  readonly record: string;
  readonly staging?: string;
  readonly claim?: string;
}

export function cleanupHook(target: CleanupTarget): NonNullable<NonNullable<Spec['hooks']>['poststop']>[number] {
  return {
    path: '/bin/sh',
    args: ['sh', '-c', cleanupHookScript, marker, target.record, target.staging ?? '', target.claim ?? ''],
    env: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin'],
  };
}

/**
 * The spec with this container's cleanup hook last among its poststop
 * hooks, and none of any other: a config.json that an earlier create
 * rewrote (the "watch only" policy's, or a bundle created from again) holds
 * that container's hook, which would remove the other container's state.
 */
export function withCleanupHook(spec: Spec, target: CleanupTarget): Spec {
  const hooks = spec.hooks ?? {};
  const poststop = (hooks.poststop ?? []).filter(hook => !isCleanupHook(hook));
  return { ...spec, hooks: { ...hooks, poststop: [...poststop, cleanupHook(target)] } };
}

/** The spec without hardrun's cleanup hooks: what the caller wrote. */
export function withoutCleanupHooks(spec: Spec): Spec {
  if (spec.hooks?.poststop?.some(isCleanupHook) !== true) return spec;
  const { poststop = [], ...rest } = spec.hooks;
  const kept = poststop.filter(hook => !isCleanupHook(hook));
  return { ...spec, hooks: kept.length === 0 ? rest : { ...rest, poststop: kept } };
}

/** Whether the spec holds a cleanup hook of hardrun's (an earlier create's rewrite). */
export function holdsCleanupHook(spec: Spec): boolean {
  return spec.hooks?.poststop?.some(isCleanupHook) === true;
}

/** Known by its \$0, whatever its script: an older engine's hook goes too. */
function isCleanupHook(hook: { readonly path?: string | undefined; readonly args?: readonly string[] | undefined }): boolean {
  return hook.path === '/bin/sh' && hook.args?.[1] === '-c' && hook.args[3] === marker;
}
