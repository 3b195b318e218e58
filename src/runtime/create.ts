import { isAbsolute, resolve } from 'node:path';
import { flagIsSet, flagValue } from '../cli/argv.js';
import { resolveBackendPath } from '../backend/backend.js';
import { execBackend } from '../backend/exec.js';
import { runBackend } from '../backend/spawn.js';
import { readJsonFile, replaceJsonFile } from '../bundle/spec-file.js';
import { HardrunError } from '../errors.js';
import { hardenSpec } from '../harden/pipeline.js';
import { loadPolicy } from '../policy/policy.js';
import type { Spec } from '../spec/types.js';
import { removeRecord, writeRecord } from '../state/record.js';
import { containerId, isDetached, type Call } from './call.js';
import { handOverTo } from './target.js';

/**
 * `create`, `run` and `restore`: harden the bundle's config.json, remember
 * the backend, and hand the call over. The config is rewritten and the record
 * written before the backend starts, so that a crash at any point leaves
 * either nothing or what `delete --force` cleans up; any failure before the
 * hand-over stops the call with the container never started.
 */
export async function createContainer(call: Call): Promise<number> {
  const id = containerId(call);
  const bundle = bundlePath(call);
  const policy = await loadPolicy(call.policyPath, call.env);
  const chosen = policy.backends[policy.defaultBackend]!;
  const backend = { ...chosen, path: resolveBackendPath(chosen) };

  const configPath = `${bundle}/config.json`;
  const spec = asSpec(readJsonFile(configPath, 'config.json').value, configPath);
  const hardened = hardenSpec(spec, policy.hardening, { backend: backend.kind });
  replaceJsonFile(configPath, hardened.spec, { keepOriginalAs: `${bundle}/config.orig.json` });

  writeRecord(call.root, id, { kind: backend.kind, name: backend.name, path: backend.path, args: backend.args, rule: 'default' });
  const handOver = handOverTo(backend, call);

  // A foreground `run` is the one create-like call hardrun must outlive: the
  // backend deletes the container when it ends, and the record must go too.
  if (call.argv.command === 'run' && !isDetached(call)) {
    try {
      return await runBackend(handOver);
    } finally {
      if (!flagIsSet(call.argv.flags, 'keep')) removeRecord(call.root, id);
    }
  }
  try {
    return await execBackend(handOver);
  } catch (error) {
    removeRecord(call.root, id);
    throw error;
  }
}

function bundlePath(call: Call): string {
  const given = flagValue(call.argv.flags, 'bundle') ?? process.cwd();
  if (given.split('/').includes('..')) throw new HardrunError('bundle', `bundle path ${given} must not contain ".."`);
  return isAbsolute(given) ? given : resolve(given);
}

function asSpec(value: unknown, path: string): Spec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HardrunError('spec-invalid', `config.json ${path} must hold a JSON object`);
  }
  const spec = value as Spec;
  if (spec.process !== undefined && (typeof spec.process !== 'object' || spec.process === null || Array.isArray(spec.process))) {
    throw new HardrunError('spec-invalid', `config.json ${path}: process must be an object`);
  }
  return spec;
}
