import type { Process, Spec } from '../spec/types.js';
import type { HardeningSettings, TransformMode } from './settings.js';
import type { HardenContext, ProcessTransform, SpecTransform, TransformResult } from './types.js';

/**
 * One hardening: its name in the policy (`hardening.NAME`, whose settings
 * also carry its mode), its built-in settings, and its transform bound to
 * its own part of the settings. The pipeline is the list in units.ts.
 */
export interface TransformUnit<K extends keyof HardeningSettings = keyof HardeningSettings> {
  readonly name: K;
  readonly defaults: HardeningSettings[K];
  /** Hardens a whole config.json (a process transform: its `process`). */
  readonly applyToSpec: (spec: Spec, settings: HardeningSettings, context: HardenContext) => TransformResult<Spec>;
  /** Only for a process transform: hardens an `exec --process` document too. */
  readonly applyToProcess?: (process: Process, settings: HardeningSettings, context: HardenContext) => TransformResult<Process>;
}

interface UnitDefinition<K extends keyof HardeningSettings, T> {
  readonly name: K;
  readonly defaults: HardeningSettings[K];
  readonly apply: T;
}

/** A transform of a whole config.json. */
export function specTransform<K extends keyof HardeningSettings>({ name, defaults, apply }: UnitDefinition<K, SpecTransform<HardeningSettings[K]>>): TransformUnit<K> {
  return { name, defaults, applyToSpec: (spec, settings, context) => withMode(settings[name].mode, spec, () => apply(spec, settings[name], context)) };
}

/**
 * A transform of a process, applied to a spec's `process` and to every
 * `exec --process` document, so that `docker exec --privileged` gets
 * nothing that create removed.
 */
export function processTransform<K extends keyof HardeningSettings>({ name, defaults, apply }: UnitDefinition<K, ProcessTransform<HardeningSettings[K]>>): TransformUnit<K> {
  const applyToProcess = (process: Process, settings: HardeningSettings, context: HardenContext): TransformResult<Process> =>
    withMode(settings[name].mode, process, () => apply(process, settings[name], context));
  const applyToSpec = (spec: Spec, settings: HardeningSettings, context: HardenContext): TransformResult<Spec> => {
    if (spec.process === undefined) return { spec, findings: [] };
    const result = applyToProcess(spec.process, settings, context);
    return { spec: result.spec === spec.process ? spec : { ...spec, process: result.spec }, findings: result.findings };
  };
  return { name, defaults, applyToSpec, applyToProcess };
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
