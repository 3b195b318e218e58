import type { Process, Spec } from '../spec/types.js';
import { applyAnnotations } from './annotations.js';
import { applyCapabilities } from './capabilities.js';
import { applyDevices } from './devices.js';
import { applyKernelFilesystems } from './kernel-filesystems.js';
import { applyNoNewPrivileges } from './no-new-privileges.js';
import { applyReadonlyRootfs } from './readonly-rootfs.js';
import { applySeccomp } from './seccomp.js';
import type { HardeningSettings, TransformMode } from './settings.js';
import { applySystemPaths } from './system-paths.js';
import type { Finding, HardenContext, ProcessTransform, SpecTransform, TransformResult } from './types.js';
import { applyUserNamespace } from './user-namespace.js';

/** A transform bound to its own part of the settings, which also carries its mode. */
interface Step<T> {
  readonly name: string;
  readonly run: (document: T, settings: HardeningSettings, context: HardenContext) => TransformResult<T>;
}

function processStep<K extends keyof HardeningSettings>(name: K, transform: ProcessTransform<HardeningSettings[K]>): Step<Process> {
  return { name, run: (process, settings, context) => withMode(settings[name].mode, process, () => transform(process, settings[name], context)) };
}

function specStep<K extends keyof HardeningSettings>(name: K, transform: SpecTransform<HardeningSettings[K]>): Step<Spec> {
  return { name, run: (spec, settings, context) => withMode(settings[name].mode, spec, () => transform(spec, settings[name], context)) };
}

/**
 * The transforms of a container's process, in order. The same list hardens
 * `exec --process` documents, so that `docker exec --privileged` gets
 * nothing that create removed.
 */
const processSteps: readonly Step<Process>[] = [
  processStep('capabilities', applyCapabilities),
  processStep('noNewPrivileges', applyNoNewPrivileges),
];

/**
 * The transforms of a whole config.json, in order, and why:
 * - annotations first: they are metadata some backends act on, and nothing
 *   later reads them;
 * - the process (capabilities) before seccomp: which syscalls a profile must
 *   deny depends on the capabilities left; Docker built its profile for the
 *   capabilities it granted, and seccomp.ts tightens it for the ones kept;
 * - system paths, kernel filesystems and devices touch separate fields and
 *   depend on nothing before them;
 * - the read-only rootfs next, because it adds the tmpfs mounts;
 * - the user namespace last: it must see the final mount list (a joined
 *   network namespace's sysfs becomes a bind), and staging works from its
 *   result.
 */
const specSteps: readonly Step<Spec>[] = [
  specStep('annotations', applyAnnotations),
  { name: 'process', run: hardenSpecProcess },
  specStep('seccomp', applySeccomp),
  specStep('systemPaths', applySystemPaths),
  specStep('kernelFilesystems', applyKernelFilesystems),
  specStep('devices', applyDevices),
  specStep('rootfs', applyReadonlyRootfs),
  specStep('userNamespace', applyUserNamespace),
];

/** Hardens a whole config.json. */
export function hardenSpec(spec: Spec, settings: HardeningSettings, context: HardenContext): TransformResult<Spec> {
  return runSteps(specSteps, spec, settings, context);
}

/** Hardens a process document (`exec --process`, or a spec's `process`). */
export function hardenProcess(process: Process, settings: HardeningSettings, context: HardenContext): TransformResult<Process> {
  return runSteps(processSteps, process, settings, context);
}

function hardenSpecProcess(spec: Spec, settings: HardeningSettings, context: HardenContext): TransformResult<Spec> {
  if (spec.process === undefined) return { spec, findings: [] };
  const result = hardenProcess(spec.process, settings, context);
  return { spec: result.spec === spec.process ? spec : { ...spec, process: result.spec }, findings: result.findings };
}

function runSteps<T>(steps: readonly Step<T>[], document: T, settings: HardeningSettings, context: HardenContext): TransformResult<T> {
  const findings: Finding[] = [];
  let current = document;
  for (const step of steps) {
    const result = step.run(current, settings, context);
    current = result.spec;
    findings.push(...result.findings);
  }
  return { spec: current, findings };
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
