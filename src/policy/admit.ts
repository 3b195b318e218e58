import type { Backend } from '../backend/backend.js';
import { checkDevices } from '../checks/devices.js';
import { checkHostNamespaces } from '../checks/host-namespaces.js';
import { checkMountPropagation } from '../checks/mount-propagation.js';
import { checkProcCwd } from '../checks/proc-cwd.js';
import { checkSensitiveMounts } from '../checks/sensitive-mounts.js';
import { checkSysctls } from '../checks/sysctls.js';
import type { CheckMode, Violation } from '../checks/types.js';
import { hardenProcess, hardenSpec } from '../harden/pipeline.js';
import type { Finding } from '../harden/types.js';
import { applyUserNamespace } from '../harden/user-namespace.js';
import type { IdRange } from '../host/subid.js';
import type { Process, Spec } from '../spec/types.js';
import { decide, decisionForRule, type Decision } from './decide.js';
import type { Subject } from './match.js';
import type { CheckSettings, Policy } from './policy.js';

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
}

/** Everything hardrun decided about one container, before anything runs. */
export interface Admission extends DecisionOutcome {
  readonly backend: Backend;
  /** The spec as it will run (before user-namespace staging moves paths). */
  readonly spec: Spec;
}

export interface IdRanges {
  readonly uids: IdRange;
  readonly gids: IdRange;
}

/**
 * Decides, checks and hardens a container's spec: the whole of the policy's
 * work on `create`, pure apart from the host facts in `subject`, and the
 * same for `hardrun explain`, which runs nothing.
 */
export function admitSpec(policy: Policy, subject: Subject, ranges: IdRanges): Admission {
  const decision = decide(policy, subject);
  const judged: Judged[] = [];
  let spec = subject.spec;
  for (const [violation, mode] of runChecks(subject, decision.checks)) {
    if (mode === 'off') continue;
    judged.push({ violation: violation as Violation<unknown>, mode });
    if (mode === 'harden') spec = violation.fix(spec);
  }
  const refusals = judged.filter(item => item.mode === 'enforce').map(item => refusal(item.violation, decision.rule));
  const sandboxed = judged.some(item => item.mode === 'sandbox');
  let backendName = decision.backend;
  if (sandboxed) {
    if (policy.sandboxBackend === undefined) refusals.push(`a check in sandbox mode fired but the policy names no sandboxBackend (rule ${decision.rule})`);
    else backendName = policy.sandboxBackend;
  }
  const backend = policy.backends[backendName]!;
  const context = { backend: backend.kind, arch: process.arch, ...(subject.host.hasPath === undefined ? {} : { hasPath: (path: string) => subject.host.hasPath!(path) }) };
  const hardened = hardenSpec(spec, decision.hardening, context);
  const userNamespace = decision.hardening.userNamespace;
  const mapped = applyUserNamespace(hardened.spec, {
    enabled: userNamespace.mode !== 'off',
    uids: userNamespace.uids ?? ranges.uids,
    gids: userNamespace.gids ?? ranges.gids,
  }, context);
  const findings = [...hardened.findings, ...mapped.findings.map(finding => userNamespace.mode === 'audit' ? { ...finding, action: 'audited' as const } : finding)];
  return {
    decision,
    backend,
    spec: userNamespace.mode === 'audit' ? hardened.spec : mapped.spec,
    findings,
    judged,
    refusals,
  };
}

/** An exec's process: the create's rule, the cwd check, and the process transforms. */
export function admitProcess(policy: Policy, ruleName: string | undefined, document: Process, backend: Backend): DecisionOutcome & { readonly process: Process } {
  const decision = decisionForRule(policy, ruleName);
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

function refusal(violation: Violation<unknown>, rule: string): string {
  return `${violation.path}: ${violation.message} (check ${violation.check}, rule ${rule})`;
}

function* runChecks(subject: Subject, checks: CheckSettings): Generator<[Violation, CheckMode]> {
  const context = { id: subject.id, host: subject.host };
  const { spec } = subject;
  for (const violation of checkHostNamespaces(spec, checks.hostNamespaces, context)) yield [violation, checks.hostNamespaces.mode];
  for (const violation of checkSensitiveMounts(spec, checks.sensitiveMounts, context)) yield [violation, checks.sensitiveMounts.mode];
  for (const violation of checkDevices(spec, { allow: subject.defaultDevices }, context)) yield [violation, checks.devices.mode];
  for (const violation of checkProcCwd(spec.process, 'process')) {
    yield [{ ...violation, fix: (current: Spec) => ({ ...current, process: violation.fix(current.process ?? {}) }) }, checks.procCwd.mode];
  }
  for (const violation of checkSysctls(spec, checks.sysctls, context)) yield [violation, checks.sysctls.mode];
  for (const violation of checkMountPropagation(spec, {}, context)) yield [violation, checks.mountPropagation.mode];
}
