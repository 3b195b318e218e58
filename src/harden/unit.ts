import type { Process, Spec } from '../spec/types.js';
import type { HardeningSettings, TransformMode } from './settings.js';
import type { HardenContext, ProcessTransform, SpecTransform, TransformResult } from './types.js';

/**
 * One hardening: its name in the policy (`hardening.NAME`, whose settings
 * also carry its mode), its built-in settings, and its transform bound to
 * its own part of the settings and to its mode. It rewrites a whole
 * config.json, or a process: a spec's `process` and every `exec --process`
 * document, so that `docker exec --privileged` gets nothing that create
 * removed. The pipeline is the list in units.ts.
 */
export type TransformUnit<K extends keyof HardeningSettings = keyof HardeningSettings> = {
  readonly name: K;
  readonly defaults: HardeningSettings[K];
} & (
  | { readonly target: 'spec'; readonly apply: (spec: Spec, settings: HardeningSettings, context: HardenContext) => TransformResult<Spec> }
  | { readonly target: 'process'; readonly apply: (process: Process, settings: HardeningSettings, context: HardenContext) => TransformResult<Process> }
);

interface UnitDefinition<K extends keyof HardeningSettings, T> {
  readonly name: K;
  readonly defaults: HardeningSettings[K];
  readonly apply: T;
}

/** A transform of a whole config.json. */
export function specTransform<K extends keyof HardeningSettings>({ name, defaults, apply }: UnitDefinition<K, SpecTransform<HardeningSettings[K]>>): TransformUnit<K> {
  return { name, defaults, target: 'spec', apply: (spec, settings, context) => withMode(settings[name].mode, spec, () => apply(spec, settings[name], context)) };
}

/** A transform of a process. */
export function processTransform<K extends keyof HardeningSettings>({ name, defaults, apply }: UnitDefinition<K, ProcessTransform<HardeningSettings[K]>>): TransformUnit<K> {
  return { name, defaults, target: 'process', apply: (process, settings, context) => withMode(settings[name].mode, process, () => apply(process, settings[name], context)) };
}

/** `audit` reports what `harden` would change and keeps the input; `off` skips the transform. */
function withMode<T>(mode: TransformMode, document: T, run: () => TransformResult<T>): TransformResult<T> {
  if (mode === 'off') return { spec: document, findings: [] };
  const result = run();
  if (mode === 'harden') return result;
  const findings = result.findings.map(finding => ({
    ...finding,
    action: 'audited' as const,
    message: finding.action === 'changed' ? `audit only, not applied: ${finding.message}` : finding.message,
  }));
  return { spec: document, findings };
}
