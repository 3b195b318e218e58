import { flagValue } from '../cli/argv.js';
import { execBackend } from '../backend/exec.js';
import { readJsonFile, replaceJsonFile } from '../bundle/spec-file.js';
import { asProcess } from '../bundle/spec-shape.js';
import { HardrunError } from '../errors.js';
import { followInCapabilityTrace } from '../host/cap-trace.js';
import { callerOf } from '../host/facts.js';
import { giveStdioTo } from '../host/stdio.js';
import { enterNetworkNamespace } from '../host/netns.js';
import type { BackendKind } from '../backend/backend.js';
import { checkProcCwd } from '../checks/proc-cwd.js';
import { allowedCapabilities, normalizeCapability } from '../harden/capabilities.js';
import { admitProcess } from '../policy/admit.js';
import { decisionForRule, type Decision } from '../policy/decide.js';
import { auditDecision } from '../policy/audit.js';
import { loadPolicy } from '../policy/load.js';
import { readRecord, type ContainerRecord } from '../state/record.js';
import { containerId, refuseUnknownFlags, type Call } from './call.js';
import { descriptorHolding, passedDescriptor, readJsonDescriptor, withProcessPath } from './process-descriptor.js';
import { backendFor, handOverTo } from './hand-over.js';

/**
 * `exec`: the `--process` document is checked and hardened in place (the
 * caller deletes it once the call returns) under the rule that created the
 * container, so that an exec gets nothing create removed.
 */
export async function execInContainer(call: Call): Promise<number> {
  refuseUnknownFlags(call);
  // With no container named there is nothing to harden: the backend gives its own usage answer.
  if (call.argv.positionals.length === 0) return execBackend(handOverTo(await backendFor(call, undefined), call));
  const id = containerId(call);
  const record = readRecord(call.root, id);
  const backend = await backendFor(call, record);
  const processPath = flagValue(call.argv.flags, 'process');
  if (processPath !== undefined) {
    const policy = await loadPolicy(call.policyPath, call.env);
    const passed = passedDescriptor(processPath, process.pid);
    const read = passed === undefined ? readJsonFile(processPath, 'process file').value : readJsonDescriptor(passed, processPath, 'process file');
    const document = asProcess(read, processPath);
    const admitted = admitProcess(policy, record, document, backend);
    auditDecision(policy, { event: 'exec', id, caller: callerOf(call.root), backend: backend.name }, admitted);
    if (admitted.refusals.length > 0) throw new HardrunError('refused', `hardrun refused this exec: ${admitted.refusals.join('; ')}`);
    if (passed !== undefined) {
      // What hardrun read from a pipe is gone from it: the backend reads the
      // hardened document from a descriptor of hardrun's instead.
      const fd = descriptorHolding(admitted.process, (await import('node:os')).tmpdir());
      const handOver = handOverTo(backend, { ...call, argv: withProcessPath(call.argv, `/dev/fd/${fd}`) });
      await joinNetworkOf(record);
      followedByTrace(record);
      return execBackend({ ...handOver, keepFds: [...handOver.keepFds, fd] });
    }
    replaceJsonFile(processPath, admitted.process);
  } else {
    const policy = await loadPolicy(call.policyPath, call.env);
    refuseFlagPrivileges(call, decisionForRule(policy, record), backend.kind);
  }
  // The exec's stdio pipes come from the caller as host root's, like create's.
  if (record?.ids !== undefined) giveStdioTo(record.ids.uid, record.ids.gid);
  await joinNetworkOf(record);
  followedByTrace(record);
  return execBackend(handOverTo(backend, call));
}

/**
 * The backend's spec names no network namespace where hardrun joined it at
 * create (src/host/netns.ts): the exec joins the same one, checked by its
 * inode, or is refused; it never runs in the host's by mistake.
 */
async function joinNetworkOf(record: ContainerRecord | undefined): Promise<void> {
  if (record?.netns === undefined) return;
  try {
    await enterNetworkNamespace(record.netns.path, record.netns.inode);
  } catch (error) {
    throw new HardrunError('refused', `hardrun refused this exec: the container's network namespace cannot be joined (${(error as Error).message}); an exec runs only in the network namespace the container was created in`, { cause: error });
  }
}

/** A container hardrun watches for `hardrun suggest` has its execs watched too: this process becomes the backend's exec. */
function followedByTrace(record: ContainerRecord | undefined): void {
  if (record?.trace !== undefined) followInCapabilityTrace(record.trace, process.pid);
}

/**
 * An exec built from flags instead of a process file: `--cap` adds to the
 * container's capabilities and `--cwd` sets the working directory, so both
 * are held to what create allowed.
 */
function refuseFlagPrivileges(call: Call, decision: Decision, kind: BackendKind): void {
  // Only a transform that rewrites holds --cap to its allowlist; one that
  // watches or is off lets the exec ask for what runc would give it.
  const capabilities = decision.hardening.capabilities;
  const allowed = allowedCapabilities(capabilities, { backend: kind });
  for (const flag of call.argv.flags) {
    if (capabilities.mode === 'harden' && flag.name === 'cap' && flag.value !== undefined && !allowed.has(normalizeCapability(flag.value))) {
      throw new HardrunError('refused', `hardrun refused this exec: --cap ${flag.value} is not in the capabilities allowlist (rule ${decision.rule})`);
    }
  }
  const [cwdViolation] = checkProcCwd({ cwd: flagValue(call.argv.flags, 'cwd') ?? '/' }, 'exec --cwd');
  if (cwdViolation !== undefined && decision.checks.procCwd.mode !== 'off' && decision.checks.procCwd.mode !== 'audit') {
    throw new HardrunError('refused', `hardrun refused this exec: ${cwdViolation.path}: ${cwdViolation.message} (check procCwd, rule ${decision.rule})`);
  }
}
