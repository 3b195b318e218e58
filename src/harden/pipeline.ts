import type { Process, Spec } from '../spec/types.js';
import type { HardeningSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import { processUnits, transformUnits } from './units.js';

/** Hardens a whole config.json: every unit of units.ts, in order. */
export function hardenSpec(spec: Spec, settings: HardeningSettings, context: HardenContext): TransformResult<Spec> {
  const findings: Finding[] = [];
  let current = spec;
  for (const unit of transformUnits) {
    const result = unit.applyToSpec(current, settings, context);
    current = result.spec;
    findings.push(...result.findings);
  }
  return { spec: current, findings };
}

/** Hardens a process document (`exec --process`, or a spec's `process`): the process units, in order. */
export function hardenProcess(process: Process, settings: HardeningSettings, context: HardenContext): TransformResult<Process> {
  const findings: Finding[] = [];
  let current = process;
  for (const unit of processUnits) {
    const result = unit.applyToProcess?.(current, settings, context) ?? { spec: current, findings: [] };
    current = result.spec;
    findings.push(...result.findings);
  }
  return { spec: current, findings };
}
