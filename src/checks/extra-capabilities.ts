import type { BackendKind } from '../backend/backend.js';
import { allowedCapabilities, normalizeCapability } from '../harden/capabilities.js';
import type { CapabilitySettings } from '../harden/settings.js';
import type { Capabilities, Spec } from '../spec/types.js';
import { grantsEveryDevice } from './devices.js';
import type { Check, Violation } from './types.js';
import { defineCheck } from './unit.js';

/**
 * The capabilities Docker (moby's oci/caps) and containerd's CRI give every
 * container unasked. Beyond them, a capability in the spec was asked for:
 * `--cap-add`, `--privileged`, a pod's securityContext.capabilities.add.
 * Within them, an ask cannot be told from the default (`--cap-add NET_RAW`
 * looks like any container), so those are left to the transform's quiet drop.
 */
export const callerDefaultCapabilities: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
];

export interface ExtraCapabilitySettings {
  /** What the capabilities transform will keep under the chosen backend. */
  readonly allowed: ReadonlySet<string>;
  /** The never list, for the hint: under runc no rule can grant those. */
  readonly never: ReadonlySet<string>;
}

const sets = ['bounding', 'effective', 'permitted', 'inheritable', 'ambient'] as const;

/** The capabilities asked for beyond the caller's defaults that the transform would drop. */
export function extraCapabilities(spec: Spec, allowed: ReadonlySet<string>): string[] {
  const defaults = new Set(callerDefaultCapabilities);
  const asked = new Set<string>();
  const current = spec.process?.capabilities;
  for (const set of sets) {
    const names = current?.[set];
    if (!Array.isArray(names)) continue;
    for (const name of names) {
      const normal = typeof name === 'string' ? normalizeCapability(name) : String(name);
      if (!defaults.has(normal) && !allowed.has(normal)) asked.add(normal);
    }
  }
  return [...asked];
}

/**
 * A container that explicitly asks for capabilities the policy will not
 * give is refused (or sandboxed) by default, rather than run without them
 * in silence; `harden` mode is that quiet drop.
 */
export const checkExtraCapabilities: Check<ExtraCapabilitySettings> = (spec, settings) => {
  const asked = extraCapabilities(spec, settings.allowed);
  if (asked.length === 0) return [];
  const privileged = grantsEveryDevice(spec) && asked.includes('CAP_SYS_ADMIN');
  const withheld = asked.filter(name => settings.never.has(name));
  const what = privileged ? `every capability and device (--privileged), ${asked.length} capabilities beyond hardening.capabilities.allow` : `${asked.join(', ')} (--cap-add) beyond hardening.capabilities.allow`;
  const how = withheld.length > 0
    ? `no rule grants ${withheld.length === asked.length ? 'them' : withheld.length > 3 ? `${withheld.slice(0, 3).join(', ')} and ${withheld.length - 3} more` : withheld.join(', ')} under runc (hardening.capabilities.never): set checks.extraCapabilities.mode to sandbox in a rule for this container to run it under the sandbox backend with them, or to harden to run it without them`
    : 'to allow them, add them to hardening.capabilities.allow in a rule for this container (match.image, say), or set checks.extraCapabilities.mode to harden to run it without them';
  const violation: Violation = {
    check: 'extraCapabilities',
    path: 'process.capabilities',
    message: `the container asks for ${what}; ${how}`,
    fix: current => withoutCapabilities(current, new Set(asked)),
  };
  return [violation];
};

function withoutCapabilities(spec: Spec, drop: ReadonlySet<string>): Spec {
  const current = spec.process?.capabilities;
  if (current === undefined || current === null) return spec;
  const next: Capabilities = { ...current };
  for (const set of sets) {
    const names = current[set];
    if (Array.isArray(names)) next[set] = names.filter(name => typeof name !== 'string' || !drop.has(normalizeCapability(name)));
  }
  return { ...spec, process: { ...spec.process, capabilities: next } };
}

/**
 * What the capabilities transform will keep under this backend; undefined
 * when it drops nothing. A check that only audits judges what the
 * transform would keep were it hardening too: watching, the audit log says
 * what enforcing would refuse.
 */
export function capabilitiesKept(settings: CapabilitySettings, backend: BackendKind, watching = false): ExtraCapabilitySettings | undefined {
  if (settings.mode !== 'harden' && !(watching && settings.mode === 'audit')) return undefined;
  return { allowed: allowedCapabilities(settings, { backend }), never: new Set(settings.never.map(normalizeCapability)) };
}

export const extraCapabilitiesCheck = defineCheck({
  name: 'extraCapabilities',
  // Asked for (--cap-add, --privileged) and not on the allowlist: refused,
  // not dropped in silence. Docker's own defaults are still dropped quietly.
  defaults: { mode: 'enforce' },
  check: (spec, settings, context) => {
    const kept = capabilitiesKept(context.hardening.capabilities, context.backend, settings.mode === 'audit');
    return kept === undefined ? [] : checkExtraCapabilities(spec, kept, context);
  },
});
