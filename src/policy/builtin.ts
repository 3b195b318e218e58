import type { Backend } from '../backend/backend.js';
import { defaultHardening } from '../harden/settings.js';
import type { Policy } from './policy.js';

/** The backends every policy knows by name, like daemon.json's stock runtimes. */
export const builtinBackends: Readonly<Record<string, Backend>> = {
  runc: { name: 'runc', kind: 'runc', path: 'runc', args: [] },
  runsc: { name: 'runsc', kind: 'runsc', path: 'runsc', args: [] },
  kata: { name: 'kata', kind: 'kata', path: 'kata-runtime', args: [] },
};

/** What applies when no policy file exists: runc, with every hardening on. */
export const builtinPolicy: Policy = {
  source: 'built-in',
  defaultBackend: 'runc',
  backends: builtinBackends,
  hardening: defaultHardening,
};
