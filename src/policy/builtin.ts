import type { Backend } from '../backend/backend.js';
import { defaultChecks } from '../checks/units.js';
import type { CheckSettings } from '../checks/types.js';
import { defaultHardening } from '../harden/units.js';
import type { Policy, PolicyHardening } from './policy.js';

/**
 * The backends every policy knows by name, like daemon.json's stock
 * runtimes. crun speaks runc's command line (kind runc) and takes the same
 * hardened spec; it runs on cgroup v2, or v1 without controllers on the
 * unified hierarchy (docs/hosts.md).
 */
export const builtinBackends: Readonly<Record<'runc' | 'crun' | 'runsc' | 'kata', Backend> & Record<string, Backend>> = {
  runc: { name: 'runc', kind: 'runc', path: 'runc', args: [] },
  crun: { name: 'crun', kind: 'runc', path: 'crun', args: [] },
  runsc: { name: 'runsc', kind: 'runsc', path: 'runsc', args: [] },
  kata: { name: 'kata', kind: 'kata', path: 'kata-runtime', args: [] },
};

export const builtinHardening: PolicyHardening = defaultHardening;

export const builtinChecks: CheckSettings = defaultChecks;

/** What applies when no policy file exists: runc, every hardening on, every check enforced. */
export const builtinPolicy: Policy = {
  source: 'built-in',
  defaultBackend: 'runc',
  sandboxBackend: undefined,
  backends: builtinBackends,
  audit: {},
  hardening: builtinHardening,
  checks: builtinChecks,
  rules: [],
};
