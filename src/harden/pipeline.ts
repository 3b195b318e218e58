import type { Process, Spec } from '../spec/types.js';
import { applyNoNewPrivileges } from './no-new-privileges.js';
import type { HardeningSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';

/**
 * The transforms of a container's process, in order. The same list hardens
 * `exec --process` documents, so an exec cannot take back what create removed.
 */
const processTransforms = [applyNoNewPrivileges] as const;

/** Hardens a whole config.json. */
export function hardenSpec(spec: Spec, settings: HardeningSettings, context: HardenContext): TransformResult<Spec> {
  const findings: Finding[] = [];
  let current = spec;
  if (current.process !== undefined) {
    const result = hardenProcess(current.process, settings, context);
    current = { ...current, process: result.spec };
    findings.push(...result.findings);
  }
  return { spec: current, findings };
}

/** Hardens a process document (`exec --process`, or a spec's `process`). */
export function hardenProcess(process: Process, settings: HardeningSettings, _context: HardenContext): TransformResult<Process> {
  const findings: Finding[] = [];
  let current = process;
  for (const transform of processTransforms) {
    const result = transform(current, settings);
    current = result.spec;
    findings.push(...result.findings);
  }
  return { spec: current, findings };
}
