import type { Seccomp, SeccompRule, Spec } from '../spec/types.js';
import {
  allowsCloneOnlyWithoutNamespaces,
  archOf,
  buildCloneAllowRule,
  buildDefaultProfile,
  buildDenyRules,
  defaultDeniedSyscalls,
  defaultSeccompArchitectures,
  isPermissiveAction,
  managedSyscalls,
} from './seccomp-profile.js';
import type { SeccompSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import { specTransform } from './unit.js';

/**
 * Makes sure a seccomp profile denies the syscalls in the settings.
 *
 * No profile (Docker's `seccomp=unconfined` leaves `linux.seccomp` out):
 * hardrun's own denylist profile. A profile of the config's own: kept, with
 * every rule it has for a syscall hardrun manages taken out and hardrun's
 * deny rules added. Keeping it matters because Docker's default profile is
 * an allowlist, stricter than a denylist can be; tightening it matters
 * because Docker builds it for the capabilities it granted, so with
 * `--cap-add SYS_ADMIN` it allows mount, unshare and setns even though
 * capabilities.ts then takes SYS_ADMIN away. Taking hardrun's syscalls out of
 * the config's rules first also keeps libseccomp from seeing two rules with
 * different actions for one syscall.
 */
export function applySeccomp(spec: Spec, settings: SeccompSettings, context: HardenContext): TransformResult<Spec> {
  const existing = spec.linux?.seccomp;
  if (existing === undefined || existing === null) {
    const profile = buildDefaultProfile(settings, context);
    const denied = settings.deny.length;
    const clone = settings.denyNamespaceClone ? ' and namespace flags on clone' : '';
    return changed(spec, profile, context, `linux.seccomp was absent (unconfined): applied hardrun's own profile, which denies ${denied} syscalls${clone} (hardening.seccomp)`);
  }
  const { profile, loosened } = tightenProfile(existing, settings, context);
  if (JSON.stringify(profile) === JSON.stringify(existing)) return { spec, findings: [] };
  const what = loosened.length > 0 ? `it allowed ${loosened.join(', ')}, now denied` : 'hardrun\'s deny rules added';
  return changed(spec, profile, context, `kept the config's linux.seccomp profile and tightened it: ${what} (hardening.seccomp)`);
}

function tightenProfile(existing: Seccomp, settings: SeccompSettings, context: HardenContext): { profile: Seccomp; loosened: string[] } {
  const arch = archOf(context);
  const managed = managedSyscalls(settings, context);
  const permissiveDefault = isPermissiveAction(existing.defaultAction);
  const loosened = new Set<string>();
  let cloneWasAllowed = false;
  let cloneStaysAllowed = false;
  const kept: SeccompRule[] = [];
  for (const rule of existing.syscalls ?? []) {
    if (!rule.names.some(name => managed.has(name))) {
      kept.push(rule);
      continue;
    }
    const permissive = isPermissiveAction(rule.action);
    // Docker's own clone rule already forbids namespace flags: keep it as it is.
    const keepsClone = settings.denyNamespaceClone && !permissiveDefault && permissive && allowsCloneOnlyWithoutNamespaces(rule, arch);
    const names = rule.names.filter(name => {
      if (!managed.has(name)) return true;
      if (name === 'clone' && keepsClone) return true;
      if (permissive) loosened.add(name);
      return false;
    });
    if (keepsClone) cloneStaysAllowed = true;
    else if (permissive && managed.has('clone') && rule.names.includes('clone')) cloneWasAllowed = true;
    if (names.length === rule.names.length) kept.push(rule);
    else if (names.length > 0) kept.push({ ...rule, names });
  }
  const added = buildDenyRules(settings, context, permissiveDefault);
  // Under a default that denies, dropping an unconditional clone rule would
  // stop fork and threads altogether: allow clone again, without namespaces.
  if (cloneWasAllowed && !cloneStaysAllowed && !permissiveDefault && settings.denyNamespaceClone) {
    added.unshift(buildCloneAllowRule(arch));
  }
  loosened.delete('clone');
  if (cloneWasAllowed && !permissiveDefault) loosened.add('clone with namespace flags');
  return { profile: { ...existing, syscalls: [...kept, ...added] }, loosened: [...loosened] };
}

function changed(spec: Spec, profile: Seccomp, context: HardenContext, message: string): TransformResult<Spec> {
  const finding: Finding = {
    rule: 'seccomp',
    action: 'changed',
    path: 'linux.seccomp',
    message:
      context.backend === 'runsc'
        ? `${message}; under runsc, gVisor enforces it on the application only when runsc runs with --oci-seccomp (clone3 is left to gVisor, which ignores errnoRet), and its own filters guard the host either way`
        : message,
  };
  return { spec: { ...spec, linux: { ...spec.linux, seccomp: profile } }, findings: [finding] };
}

export const seccompTransform = specTransform({
  name: 'seccomp',
  defaults: { mode: 'harden', deny: defaultDeniedSyscalls, errnoRet: 1, denyNamespaceClone: true, architectures: defaultSeccompArchitectures },
  apply: applySeccomp,
});
