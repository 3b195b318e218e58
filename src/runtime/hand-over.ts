import { flagValue, formatRuncArgv } from '../cli/argv.js';
import { resolveBackendPath, type Backend } from '../backend/backend.js';
import type { HandOver } from '../backend/exec.js';
import { translateArgv } from '../backend/translate.js';
import { HardrunError } from '../errors.js';
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
  const backend = policy.backends[policy.defaultBackend];
  if (backend === undefined) throw new HardrunError('policy-invalid', `the policy's defaultBackend "${policy.defaultBackend}" names no backend: add it to backends`);
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

/**
 * Whether the backend no longer knows the container, asked as the launcher
 * asks: `state`, output discarded, and its words "does not exist" (runc's
 * and runsc's alike). After a create that failed once handed over, runc's
 * delete removes what is left and still fails; after a foreground run, the
 * container is gone unless the backend died before it. Any other answer
 * means it may still be there, and hardrun's record must stay.
 */
export async function isGoneFrom(backend: ResolvedBackend, call: Call, id: string): Promise<boolean> {
  // node:child_process, not execa, whose load costs about 8 ms (see backend/spawn.ts).
  const { spawn } = await import('node:child_process');
  const root = flagValue(call.argv.globals, 'root');
  const argv = [...backend.args, ...(root === undefined ? [] : ['--root', root]), 'state', id];
  const child = spawn(backend.path, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: call.env });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const code = await new Promise<number | null>(resolve => {
    child.once('error', () => { resolve(null); });
    child.once('close', exitCode => { resolve(exitCode); });
  });
  return code !== 0 && code !== null && stderr.includes('does not exist');
}
