import type { Process, Spec } from '../spec/types.js';
import type { HardeningSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import type { TransformUnit } from './unit.js';
import { transformUnits } from './units.js';

type Apply<T> = (document: T, settings: HardeningSettings, context: HardenContext) => TransformResult<T>;

/** The process units, in the order of units.ts. */
const processSteps: readonly Apply<Process>[] = transformUnits.flatMap((unit: TransformUnit) => (unit.target === 'process' ? [unit.apply] : []));

/**
 * The steps of a whole config.json: each spec unit, and each run of
 * consecutive process units as one step on the spec's `process`.
 */
const specSteps: readonly Apply<Spec>[] = (() => {
  const steps: Apply<Spec>[] = [];
  let group: Apply<Process>[] = [];
  const flush = (): void => {
    if (group.length > 0) steps.push(onSpecProcess(group));
    group = [];
  };
  for (const unit of transformUnits as readonly TransformUnit[]) {
    if (unit.target === 'process') {
      group.push(unit.apply);
    } else {
      flush();
      steps.push(unit.apply);
    }
  }
  flush();
  return steps;
})();

/** Hardens a whole config.json: every unit of units.ts, in order. */
export function hardenSpec(spec: Spec, settings: HardeningSettings, context: HardenContext): TransformResult<Spec> {
  return runSteps(specSteps, spec, settings, context);
}

/** Hardens a process document (`exec --process`, or a spec's `process`): the process units, in order. */
export function hardenProcess(process: Process, settings: HardeningSettings, context: HardenContext): TransformResult<Process> {
  return runSteps(processSteps, process, settings, context);
}

function onSpecProcess(steps: readonly Apply<Process>[]): Apply<Spec> {
  return (spec, settings, context) => {
    if (spec.process === undefined) return { spec, findings: [] };
    const result = runSteps(steps, spec.process, settings, context);
    return { spec: result.spec === spec.process ? spec : { ...spec, process: result.spec }, findings: result.findings };
  };
}

function runSteps<T>(steps: readonly Apply<T>[], document: T, settings: HardeningSettings, context: HardenContext): TransformResult<T> {
  const findings: Finding[] = [];
  let current = document;
  for (const step of steps) {
    const result = step(current, settings, context);
    current = result.spec;
    findings.push(...result.findings);
  }
  return { spec: current, findings };
}
