import { formatRuncArgv } from '../cli/argv.js';
import { resolveBackendPath, type Backend } from '../backend/backend.js';
import type { HandOver } from '../backend/exec.js';
import { translateArgv } from '../backend/translate.js';
import { loadPolicy } from '../policy/load.js';
import type { ContainerRecord } from '../state/record.js';
import { inheritedFds, type Call } from './call.js';

/** A backend ready to run: its absolute path is known. */
export interface ResolvedBackend extends Backend {
  readonly path: string;
}

/** The backend of a container's record, or the policy's default one. */
export async function backendFor(call: Call, record: ContainerRecord | undefined): Promise<ResolvedBackend> {
  if (record !== undefined) return record;
  const policy = await loadPolicy(call.policyPath, call.env);
  const backend = policy.backends[policy.defaultBackend]!;
  return { ...backend, path: resolveBackendPath(backend) };
}

/** The caller's call, rewritten for the backend: its path, its extra arguments, then the caller's argv. */
export function handOverTo(backend: ResolvedBackend, call: Call): HandOver {
  return {
    argv: [backend.path, ...backend.args, ...formatRuncArgv(translateArgv(backend.kind, call.argv))],
    env: call.env,
    keepFds: inheritedFds(call, process.pid),
  };
}
