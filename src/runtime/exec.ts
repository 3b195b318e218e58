import { flagValue } from '../cli/argv.js';
import { execBackend } from '../backend/exec.js';
import { readJsonFile, replaceJsonFile } from '../bundle/spec-file.js';
import { HardrunError } from '../errors.js';
import { callerOf } from '../host/facts.js';
import { admitProcess } from '../policy/admit.js';
import { writeAudit } from '../policy/audit.js';
import { loadPolicy } from '../policy/load.js';
import type { Process } from '../spec/types.js';
import { readRecord } from '../state/record.js';
import { containerId, type Call } from './call.js';
import { backendFor, handOverTo } from './target.js';

/**
 * `exec`: the `--process` document is checked and hardened in place (the
 * caller deletes it once the call returns) under the rule that created the
 * container, so that an exec gets nothing create removed.
 */
export async function execInContainer(call: Call): Promise<number> {
  const id = containerId(call);
  const record = readRecord(call.root, id);
  const backend = await backendFor(call, record);
  const processPath = flagValue(call.argv.flags, 'process');
  if (processPath !== undefined) {
    const policy = await loadPolicy(call.policyPath, call.env);
    const document = readJsonFile(processPath, 'process file').value;
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new HardrunError('spec-invalid', `process file ${processPath} must hold a JSON object`);
    }
    const admitted = admitProcess(policy, record?.rule, document as Process, backend);
    writeAudit(policy.audit.file, {
      event: 'exec', id, caller: callerOf(call.root), policy: policy.source, rule: admitted.decision.rule, backend: backend.name,
      allowed: admitted.refusals.length === 0, refusals: admitted.refusals, changes: admitted.findings, checks: admitted.judged,
    });
    if (admitted.refusals.length > 0) throw new HardrunError('refused', `hardrun refused this exec: ${admitted.refusals.join('; ')}`);
    replaceJsonFile(processPath, admitted.process);
  }
  return execBackend(handOverTo(backend, call));
}
