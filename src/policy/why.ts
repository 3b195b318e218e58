import type { MatchDocument } from './generated/policy-document.js';
import { matchesRule, type Subject } from './match.js';
import type { Policy } from './policy.js';

/** How one rule fared against a container: each field it matches on, held or not. */
export interface RuleTrial {
  readonly rule: string;
  readonly matched: boolean;
  readonly fields: readonly { readonly field: string; readonly held: boolean }[];
}

/**
 * The rules tried for a container, in order, up to the first that matched
 * (or all of them): why the decision is what it is. Each field is judged on
 * its own, exactly as matchesRule judges it within the rule.
 */
export function tryRules(policy: Policy, subject: Subject): RuleTrial[] {
  const trials: RuleTrial[] = [];
  for (const rule of policy.rules) {
    const fields = (Object.keys(rule.match) as (keyof MatchDocument)[])
      .filter(field => rule.match[field] !== undefined)
      .map(field => ({ field, held: matchesRule({ [field]: rule.match[field] }, subject) }));
    const matched = fields.every(field => field.held);
    trials.push({ rule: rule.name, matched, fields });
    if (matched) break;
  }
  return trials;
}

/** One line per rule tried, e.g. "rule nginx: matched (image holds, caller holds)". */
export function describeTrials(trials: readonly RuleTrial[]): string[] {
  const lines = trials.map(({ rule, matched, fields }) =>
    `rule ${rule}: ${matched ? 'matched' : 'not matched'} (${fields.map(({ field, held }) => `${field} ${held ? 'holds' : 'does not hold'}`).join(', ')})`);
  if (!trials.some(trial => trial.matched)) lines.push(trials.length === 0 ? 'the policy has no rules: the top-level settings apply' : 'no rule matched: the top-level settings apply (rule default)');
  return lines;
}
