import type { Backend } from '../backend/backend.js';
import { capabilitiesKept, extraCapabilities } from '../checks/extra-capabilities.js';
import { checkProcCwd } from '../checks/proc-cwd.js';
import type { CheckMode, Violation } from '../checks/types.js';
import { checkUnits } from '../checks/units.js';
import { hardenProcess, hardenSpec } from '../harden/pipeline.js';
import type { Finding } from '../harden/types.js';
import type { IdPool, Slot } from '../state/id-slots.js';
import type { PodJoin } from '../state/pod.js';
import type { Process, Spec } from '../spec/types.js';
import { HardrunError } from '../errors.js';
import { decide, decisionForRule, isolationOf, type Decision, type RuleRef } from './decide.js';
import { imageOf, type ImageIdentity } from './image.js';
import type { Subject } from './match.js';
import type { Policy } from './policy.js';

/** A check's finding and what the policy's mode made of it. */
export interface Judged {
  readonly violation: Violation<unknown>;
  readonly mode: CheckMode;
}

/** What every decision reports, about a create's spec or an exec's process; the audit log records it. */
export interface DecisionOutcome {
  readonly decision: Decision;
  /** What the hardening transforms changed or would change. */
  readonly findings: readonly Finding[];
  /** What the checks found, each with the mode that applied. */
  readonly judged: readonly Judged[];
  /** Why the container (or exec) is refused; empty when it may run. */
  readonly refusals: readonly string[];
  /** The container's image, when a rule of the policy names images (it is looked up only then). */
  readonly image?: ImageIdentity;
}

/** Everything hardrun decided about one container, before anything runs. */
export interface Admission extends DecisionOutcome {
  readonly backend: Backend;
  /** The spec as it will run (before user-namespace staging moves paths). */
  readonly spec: Spec;
  /** The host ids its user namespace maps to, when hardrun maps one. */
  readonly ids?: Slot;
}

/** Where a container's host ids come from. */
export interface IdSource {
  /** hardrun's subordinate ranges on this host, for a policy that names none. */
  readonly pool: IdPool;
  /** A slot of the pool for this container: create's is free to claim, explain's a preview. */
  readonly pick: (pool: IdPool) => Slot;
  /** The pod the container belongs to (src/state/pod.ts): its sandbox's user namespace and range replace a pick. */
  readonly pod?: PodJoin;
}

/**
 * Decides, checks and hardens a container's spec: the whole of the policy's
 * work on `create`, pure apart from the host facts in `subject`, and the
 * same for `hardrun explain`, which runs nothing.
 */
export function admitSpec(policy: Policy, subject: Subject, idSource: IdSource): Admission {
  const decision = decide(policy, subject);
  // Looked up when a rule may match on it, and for the audit log, whose
  // records `hardrun report` gathers by image: one read of the engine's record.
  const image = policy.audit.file !== undefined || policy.rules.some(rule => rule.match.image !== undefined) ? imageOf(subject) : undefined;
  const judged: Judged[] = [];
  let spec = subject.spec;
  const backendKind = policy.backends[decision.backend]?.kind ?? 'runc';
  const context = { id: subject.id, host: subject.host, origin: subject.origin, hardening: decision.hardening, backend: backendKind };
  for (const unit of checkUnits) {
    const mode = decision.checks[unit.name].mode;
    if (mode === 'off') continue;
    for (const violation of unit.run(subject.spec, decision.checks, context)) {
      judged.push({ violation: violation as Violation<unknown>, mode });
      if (mode === 'harden') spec = violation.fix(spec);
    }
  }
  const refusals = judged.filter(item => item.mode === 'enforce').map(item => refusal(item.violation, decision.rule));
  const sandboxed = judged.some(item => item.mode === 'sandbox');
  let hardening = decision.hardening;
  // Sent to the sandbox for the capabilities it asked for: it gets them there.
  if (sandboxed && policy.sandboxBackend !== undefined && judged.some(item => item.mode === 'sandbox' && item.violation.check === 'extraCapabilities')) {
    const asked = extraCapabilities(spec, capabilitiesKept(decision.hardening.capabilities, backendKind)?.allowed ?? new Set());
    hardening = { ...hardening, capabilities: { ...hardening.capabilities, allow: [...hardening.capabilities.allow, ...asked] } };
  }
  let backendName = decision.backend;
  if (sandboxed) {
    // A check may only raise isolation: a container the rule sent to Kata stays there.
    if (policy.sandboxBackend === undefined) refusals.push(`a check in sandbox mode fired but the policy names no sandboxBackend (rule ${decision.rule})`);
    else if (isolationOf(policy, policy.sandboxBackend) >= isolationOf(policy, backendName)) backendName = policy.sandboxBackend;
  }
  const backend = policy.backends[backendName];
  if (backend === undefined) throw new HardrunError('policy-invalid', `the policy names the backend "${backendName}" but defines none of that name: add it to backends`);
  const userNamespace = decision.hardening.userNamespace;
  const mapped = backend.kind === 'runc' && userNamespace.mode !== 'off';
  const pod = mapped && userNamespace.mode === 'harden' ? idSource.pod : undefined;
  // A container that joins namespaces it may not share a user namespace with is refused, whatever the rule's mode for host namespaces.
  if (pod?.kind === 'refused') refusals.push(`${pod.reason} (rule ${decision.rule})`);
  const member = pod?.kind === 'member' ? pod : undefined;
  const ids = mapped
    ? member?.ids ?? idSource.pick({ uids: userNamespace.uids ?? idSource.pool.uids, gids: userNamespace.gids ?? idSource.pool.gids })
    : undefined;
  const hardened = hardenSpec(spec, hardening, { backend: backend.kind, arch: process.arch, ...destinationResolver(subject), ...(subject.host.hasPath === undefined ? {} : { hasPath: (path: string) => subject.host.hasPath?.(path) === true }), ...(ids === undefined ? {} : { ids }), ...(member === undefined ? {} : { podUserNamespace: member.userNamespace }) });
  return {
    decision,
    backend,
    spec: hardened.spec,
    findings: hardened.findings,
    judged,
    refusals,
    ...(ids !== undefined && mapsTo(hardened.spec, ids) ? { ids } : {}),
    ...(image === undefined ? {} : { image }),
  };
}

/** Whether the spec's user namespace is the one hardrun mapped to `ids` (not userns-remap's, not an audit's absence). */
function mapsTo(spec: Spec, ids: Slot): boolean {
  return spec.linux?.uidMappings?.[0]?.hostID === ids.uids.hostID && spec.linux.gidMappings?.[0]?.hostID === ids.gids.hostID;
}

/** An exec's process: the create's rule, the cwd check, and the process transforms. */
export function admitProcess(policy: Policy, rules: RuleRef | undefined, document: Process, backend: Backend): DecisionOutcome & { readonly process: Process } {
  const decision = decisionForRule(policy, rules);
  const judged: Judged[] = [];
  let current = document;
  const mode = decision.checks.procCwd.mode;
  if (mode !== 'off') {
    for (const violation of checkProcCwd(current, 'process')) {
      judged.push({ violation: violation as Violation<unknown>, mode });
      if (mode === 'harden') current = violation.fix(current);
    }
  }
  const refusals = judged.filter(item => item.mode === 'enforce' || item.mode === 'sandbox').map(item => refusal(item.violation, decision.rule));
  const hardened = hardenProcess(current, decision.hardening, { backend: backend.kind, arch: process.arch });
  return { process: hardened.spec, findings: hardened.findings, judged, refusals, decision };
}

/**
 * Container paths as they resolve in the rootfs, when the host can look. A
 * relative root.path is the bundle's; the bundle is the working directory
 * of every containerd and Docker call, and of explain unless it is given.
 */
function destinationResolver({ spec, host, bundle }: Subject): { resolveDestination?: (path: string) => string } {
  const rootPath = spec.root?.path;
  const resolveInRootfs = host.resolveInRootfs;
  if (typeof rootPath !== 'string' || resolveInRootfs === undefined) return {};
  const rootfs = rootPath.startsWith('/') ? rootPath : `${bundle ?? process.cwd()}/${rootPath}`;
  return { resolveDestination: path => resolveInRootfs(rootfs, path) };
}

/** How to allow what a check refused, where its own sentence does not say. */
const howToAllow: Readonly<Record<string, string>> = {
  devices: '; to allow it, a rule for this container (match.image, say) sets checks.devices.mode to audit, or to sandbox to run it under the sandbox backend',
};

function refusal(violation: Violation<unknown>, rule: string): string {
  return `${violation.path}: ${violation.message} (check ${violation.check}, rule ${rule})${Object.hasOwn(howToAllow, violation.check) ? howToAllow[violation.check] : ''}`;
}
