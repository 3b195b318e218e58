import type { BackendKind } from '../backend/backend.js';
import type { HardeningSettings } from '../harden/settings.js';
import type { Spec } from '../spec/types.js';
import type { CheckContext, CheckSettings, Violation } from './types.js';

/** What a check is told besides the spec and its own settings: the decision's hardening and backend. */
export interface CheckUnitContext extends CheckContext {
  readonly hardening: HardeningSettings;
  readonly backend: BackendKind;
}

/**
 * One check: its name in the policy (`checks.NAME`, whose settings carry its
 * mode), its built-in settings, and the check bound to its own settings.
 * Admission runs the list in units.ts.
 */
export interface CheckUnit<K extends keyof CheckSettings = keyof CheckSettings> {
  readonly name: K;
  readonly defaults: CheckSettings[K];
  readonly run: (spec: Spec, checks: CheckSettings, context: CheckUnitContext) => Violation[];
}

export function defineCheck<K extends keyof CheckSettings>({ name, defaults, check }: {
  readonly name: K;
  readonly defaults: CheckSettings[K];
  readonly check: (spec: Spec, settings: CheckSettings[K], context: CheckUnitContext) => Violation[];
}): CheckUnit<K> {
  return { name, defaults, run: (spec, checks, context) => check(spec, checks[name], context) };
}
