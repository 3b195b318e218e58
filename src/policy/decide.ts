import type { BackendKind } from '../backend/backend.js';
import type { CheckMode } from '../checks/types.js';
import type { TransformMode } from '../harden/settings.js';
import { matchesRule, type Subject } from './match.js';
import { mergeSettings } from './merge.js';
import type { CheckSettings, Policy, PolicyHardening, PolicyRule } from './policy.js';

/**
 * The rules behind a decision, as a container's record keeps them for its
 * execs: the deciding rule, and for one that may only raise, the rule (or
 * "default") it raised.
 */
export interface RuleRef {
  readonly rule?: string;
  readonly raising?: string;
}

/** What the policy says for one container: the rule behind it, the backend, the settings. */
export interface Decision {
  /** The deciding rule's name, or "default"; "U (raising T)" for a rule that may only raise. */
  readonly rule: string;
  /** The same, as names: what an exec into the container is decided by again (decisionForRule). */
  readonly basis: RuleRef;
  readonly backend: string;
  readonly hardening: PolicyHardening;
  readonly checks: CheckSettings;
}

const transformRank: Record<TransformMode, number> = { off: 0, audit: 1, harden: 2 };
const checkRank: Record<CheckMode, number> = { off: 0, audit: 1, harden: 2, sandbox: 3, enforce: 4 };
const isolationRank: Record<BackendKind, number> = { runc: 0, runsc: 1, kata: 2 };

/** How much a backend of the policy isolates: runc shares the host kernel, gVisor interposes one, Kata runs a VM. */
export function isolationOf(policy: Policy, backend: string): number {
  return isolationRank[policy.backends[backend]?.kind ?? 'runc'];
}

/**
 * The first rule that matches decides. A rule that matches on what the
 * container's own user sets (environment, annotations) may only raise
 * isolation: its backend counts only if it isolates more, its modes only
 * where they are stricter, and every other setting is the one the policy
 * would have applied without it.
 */
export function decide(policy: Policy, subject: Subject): Decision {
  const chosen = policy.rules.find(rule => matchesRule(rule.match, subject));
  if (chosen === undefined) return defaults(policy);
  if (!chosen.userControlled) return applyRule(policy, chosen);
  const trusted = policy.rules.find(rule => !rule.userControlled && matchesRule(rule.match, subject));
  return raiseOnly(policy, trusted === undefined ? defaults(policy) : applyRule(policy, trusted), applyRule(policy, chosen));
}

/**
 * The decision a container was created under, again, from its record's
 * rule names (an exec into it): the same rule, raising the same baseline.
 * A record an older engine wrote holds the display form "U (raising T)".
 */
export function decisionForRule(policy: Policy, ref: RuleRef | undefined): Decision {
  const older = ref?.raising === undefined ? /^(.+) \(raising (.+)\)$/.exec(ref?.rule ?? '') : null;
  const name = older !== null && !policy.rules.some(candidate => candidate.name === ref?.rule) ? older[1] : ref?.rule;
  const raising = older !== null && name === older[1] ? older[2] : ref?.raising;
  const rule = policy.rules.find(candidate => candidate.name === name);
  if (rule === undefined) return defaults(policy);
  if (!rule.userControlled) return applyRule(policy, rule);
  const trusted = raising === undefined ? undefined : policy.rules.find(candidate => candidate.name === raising && !candidate.userControlled);
  return raiseOnly(policy, trusted === undefined ? defaults(policy) : applyRule(policy, trusted), applyRule(policy, rule));
}

function defaults(policy: Policy): Decision {
  return { rule: 'default', basis: { rule: 'default' }, backend: policy.defaultBackend, hardening: policy.hardening, checks: policy.checks };
}

function applyRule(policy: Policy, rule: PolicyRule): Decision {
  return {
    rule: rule.name,
    basis: { rule: rule.name },
    backend: rule.backend ?? policy.defaultBackend,
    hardening: mergeSettings(policy.hardening, rule.hardening),
    checks: mergeSettings(policy.checks, rule.checks),
  };
}

function raiseOnly(policy: Policy, baseline: Decision, wish: Decision): Decision {
  const rank = (name: string): number => isolationOf(policy, name);
  const hardening = { ...baseline.hardening } as Record<string, { mode: TransformMode }>;
  for (const [name, settings] of Object.entries(baseline.hardening) as [string, { mode: TransformMode }][]) {
    const wanted = (wish.hardening as unknown as Record<string, { mode: TransformMode } | undefined>)[name]?.mode ?? settings.mode;
    if (transformRank[wanted] > transformRank[settings.mode]) hardening[name] = { ...settings, mode: wanted };
  }
  const checks = { ...baseline.checks } as Record<string, { mode: CheckMode }>;
  for (const [name, settings] of Object.entries(baseline.checks) as [string, { mode: CheckMode }][]) {
    const wanted = (wish.checks as unknown as Record<string, { mode: CheckMode } | undefined>)[name]?.mode ?? settings.mode;
    if (checkRank[wanted] > checkRank[settings.mode]) checks[name] = { ...settings, mode: wanted };
  }
  return {
    rule: `${wish.rule} (raising ${baseline.rule})`,
    basis: { rule: wish.rule, raising: baseline.rule },
    backend: rank(wish.backend) > rank(baseline.backend) ? wish.backend : baseline.backend,
    hardening: hardening as unknown as PolicyHardening,
    checks: checks as unknown as CheckSettings,
  };
}
