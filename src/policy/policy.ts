import { existsSync } from 'node:fs';
import type { Backend, BackendKind } from '../backend/backend.js';
import { readJsonFile } from '../bundle/spec-file.js';
import { HardrunError } from '../errors.js';
import type { HardeningSettings } from '../harden/settings.js';
import { builtinBackends, builtinPolicy } from './builtin.js';

export interface Policy {
  /** The file it came from, or "built-in". */
  readonly source: string;
  readonly defaultBackend: string;
  readonly backends: Readonly<Record<string, Backend>>;
  readonly hardening: HardeningSettings;
}

export const defaultPolicyPath = '/etc/hardrun/policy.yaml';
export const policyEnvVariable = 'HARDRUN_POLICY';

/**
 * The policy in force: `--policy FILE`, else $HARDRUN_POLICY, else
 * /etc/hardrun/policy.yaml, else the built-in one. A file that exists but
 * fails to load is an error: never a silent fall-back to something weaker.
 */
export async function loadPolicy(flagPath: string | undefined, env: NodeJS.ProcessEnv): Promise<Policy> {
  const path = flagPath ?? nonEmpty(env[policyEnvVariable]) ?? (existsSync(defaultPolicyPath) ? defaultPolicyPath : undefined);
  if (path === undefined) return builtinPolicy;
  const document = path.endsWith('.json') ? readJsonFile(path, 'policy').value : await readYamlFile(path);
  return policyFromDocument(document, path);
}

async function readYamlFile(path: string): Promise<unknown> {
  const { readFileSync } = await import('node:fs');
  const { parse } = await import('yaml');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new HardrunError('policy', `cannot read policy ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parse(text);
  } catch (error) {
    throw new HardrunError('policy', `policy ${path} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
}

/** Checks and normalizes a policy document; issue 9 replaces this with the schema. */
export function policyFromDocument(document: unknown, source: string): Policy {
  const fail = (path: string, message: string): never => {
    throw new HardrunError('policy-invalid', `policy ${source} is invalid: ${path}: ${message}`);
  };
  if (!isObject(document)) return fail('(root)', 'must be a mapping');
  const backends: Record<string, Backend> = { ...builtinBackends };
  const declared = document['backends'] ?? {};
  if (!isObject(declared)) return fail('backends', 'must be a mapping of name to backend');
  for (const [name, entry] of Object.entries(declared)) {
    if (!isObject(entry)) return fail(`backends.${name}`, 'must be a mapping');
    const path = entry['path'];
    if (typeof path !== 'string' || path === '') return fail(`backends.${name}.path`, 'must be a non-empty string');
    const kind = entry['kind'] ?? builtinBackends[name]?.kind ?? 'runc';
    if (kind !== 'runc' && kind !== 'runsc' && kind !== 'kata') return fail(`backends.${name}.kind`, 'must be runc, runsc or kata');
    const args = entry['args'] ?? [];
    if (!Array.isArray(args) || !args.every(arg => typeof arg === 'string')) {
      return fail(`backends.${name}.args`, 'must be a list of strings');
    }
    backends[name] = { name, kind: kind as BackendKind, path, args };
  }
  const defaultBackend = document['defaultBackend'] ?? builtinPolicy.defaultBackend;
  if (typeof defaultBackend !== 'string' || backends[defaultBackend] === undefined) {
    return fail('defaultBackend', `names no declared backend (known: ${Object.keys(backends).join(', ')})`);
  }
  return { source, defaultBackend, backends, hardening: builtinPolicy.hardening };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
