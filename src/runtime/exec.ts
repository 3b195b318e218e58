import { flagValue } from '../cli/argv.js';
import { execBackend } from '../backend/exec.js';
import { readJsonFile, replaceJsonFile } from '../bundle/spec-file.js';
import { HardrunError } from '../errors.js';
import { hardenProcess } from '../harden/pipeline.js';
import { loadPolicy } from '../policy/policy.js';
import type { Process } from '../spec/types.js';
import { readRecord } from '../state/record.js';
import { containerId, type Call } from './call.js';
import { backendFor, handOverTo } from './target.js';

/**
 * `exec`: the `--process` document is hardened in place (the caller deletes
 * it once the call returns) so that an exec gets nothing create removed.
 */
export async function execInContainer(call: Call): Promise<number> {
  const id = containerId(call);
  const backend = await backendFor(call, readRecord(call.root, id));
  const processPath = flagValue(call.argv.flags, 'process');
  if (processPath !== undefined) {
    const policy = await loadPolicy(call.policyPath, call.env);
    const document = readJsonFile(processPath, 'process file').value;
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new HardrunError('spec-invalid', `process file ${processPath} must hold a JSON object`);
    }
    const hardened = hardenProcess(document as Process, policy.hardening, { backend: backend.kind });
    replaceJsonFile(processPath, hardened.spec);
  }
  return execBackend(handOverTo(backend, call));
}
