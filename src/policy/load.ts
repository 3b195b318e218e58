import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { HardrunError, isErrno } from '../errors.js';
import { policyCacheEntry, policyCacheKey, policyCachePath } from './cache.js';
import type { Policy } from './policy.js';

export const defaultPolicyPath = '/etc/hardrun/policy.yaml';
export const policyEnvVariable = 'HARDRUN_POLICY';
const maxPolicyBytes = 1024 * 1024;

/**
 * The policy in force: `--policy FILE`, else $HARDRUN_POLICY, else
 * /etc/hardrun/policy.yaml when it exists, else the built-in one. A file
 * that exists but does not pass is an error for every create: hardrun never
 * falls back to something weaker. A file loaded before by this engine
 * comes from the cache in /run/hardrun (see cache.ts). The parser, the
 * schema validator and the semantic rules (check.ts) load only on a miss:
 * most calls never evaluate them.
 */
export async function loadPolicy(flagPath: string | undefined, env: NodeJS.ProcessEnv): Promise<Policy> {
  const named = flagPath ?? (env[policyEnvVariable] === '' ? undefined : env[policyEnvVariable]);
  const path = named ?? defaultPolicyPath;
  const text = readPolicyText(path, named !== undefined);
  // The built-in policy's module holds every check's and transform's defaults: loaded only when it is the one.
  if (text === undefined) return (await import('./builtin.js')).builtinPolicy;
  const key = policyCacheKey(path, text);
  const cached = key === undefined ? undefined : policyCacheEntry(policyCachePath, key);
  if (cached?.policy !== undefined) return cached.policy;
  const policy = await (await import('./check.js')).policyFromText(text, path);
  cached?.keep(policy);
  return policy;
}

/** The file's text, or undefined when an unnamed default file is absent. */
function readPolicyText(path: string, named: boolean): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (!named && isErrno(error, 'ENOENT')) return undefined;
    throw new HardrunError('policy-read', `cannot read policy ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new HardrunError('policy-read', `cannot read policy ${path}: it is not a regular file`);
    if (stat.size > maxPolicyBytes) throw new HardrunError('policy-read', `cannot read policy ${path}: larger than ${maxPolicyBytes} bytes`);
    const buffer = Buffer.alloc(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
