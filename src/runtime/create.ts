import { isAbsolute, resolve } from 'node:path';
import { flagIsSet, flagValue } from '../cli/argv.js';
import { resolveBackendPath } from '../backend/backend.js';
import { execBackend } from '../backend/exec.js';
import { runBackend } from '../backend/spawn.js';
import { refuseLinkedDevices } from '../bundle/device-links.js';
import { readJsonFile, replaceJsonFile } from '../bundle/spec-file.js';
import { asSpec } from '../bundle/spec-shape.js';
import { needsStaging, planStaging, prepareStaging, removeStaging, rootfsOf, stagingBase, stagingDirFor } from '../bundle/staging.js';
import { HardrunError } from '../errors.js';
import { callerOf, hostFacts } from '../host/facts.js';
import { fallbackRange, readSubidRange } from '../host/subid.js';
import { admitSpec } from '../policy/admit.js';
import { auditDecision } from '../policy/audit.js';
import { loadPolicy } from '../policy/load.js';
import type { Spec } from '../spec/types.js';
import { removeRecord, writeDefaultRecord, writeRecord } from '../state/record.js';
import { containerId, isDetached, refuseUnknownFlags, type Call } from './call.js';
import { handOverTo, isGoneFrom } from './target.js';

/**
 * `create`, `run` and `restore`: decide, check and harden the bundle's
 * config.json by policy, remember the backend, and hand the call over. Any
 * failure before the hand-over stops the call with the container never
 * started, and undoes what was done: the record, the staging directory, the
 * rewritten config.json. The record is written first, so that if hardrun is
 * killed part way, the `delete --force` that Docker and containerd send
 * finds what to remove.
 */
export async function createContainer(call: Call): Promise<number> {
  refuseUnknownFlags(call);
  const id = containerId(call);
  const bundle = bundlePath(call);
  const policy = await loadPolicy(call.policyPath, call.env);
  const configPath = `${bundle}/config.json`;
  const original = readCallerSpec(bundle);
  const caller = callerOf(call.root);
  const admission = admitSpec(
    policy,
    { id, spec: asSpec(original.value, configPath), caller, host: hostFacts, origin: { bundle, root: call.root }, defaultDevices: policy.hardening.devices.allow },
    { uids: readSubidRange('/etc/subuid') ?? fallbackRange, gids: readSubidRange('/etc/subgid') ?? fallbackRange },
  );
  auditDecision(policy, { event: 'create', id, caller, backend: admission.backend.name }, admission);
  if (admission.refusals.length > 0) {
    throw new HardrunError('refused', `hardrun refused this container: ${admission.refusals.join('; ')}`);
  }
  const backend = { ...admission.backend, path: resolveBackendPath(admission.backend) };
  refuseLinkedDevices(rootfsOf(admission.spec, bundle), backend.kind);
  const plan = needsStaging(admission.spec) ? planStaging(admission.spec, bundle, stagingDirFor(call.root, id)) : undefined;

  writeRecord(call.root, id, {
    kind: backend.kind, name: backend.name, path: backend.path, args: backend.args, rule: admission.decision.rule,
    ...(plan === undefined ? {} : { staging: plan.dir }),
  });
  const fallback = policy.backends[policy.defaultBackend]!;
  writeDefaultRecord(call.root, fallback.name === backend.name ? backend : { ...fallback, path: resolveBackendPath(fallback) });
  const undo = (): void => {
    if (plan !== undefined) removeStaging(plan.dir);
    removeRecord(call.root, id);
  };
  try {
    if (plan !== undefined) prepareStaging(plan);
    replaceJsonFile(configPath, plan?.spec ?? admission.spec, original.ours ? {} : { keepOriginalAs: `${bundle}/config.orig.json` });
  } catch (error) {
    undo();
    throw error;
  }
  const handOver = { ...handOverTo(backend, call), ...(plan === undefined ? {} : { binds: plan.binds }) };

  // A foreground `run` is the one create-like call hardrun must outlive: the
  // backend deletes the container when it ends, and the record must go too.
  if (call.argv.command === 'run' && !isDetached(call)) {
    try {
      return await runBackend(handOver);
    } finally {
      // Only once the container is gone: a backend killed before it leaves it running.
      if (!flagIsSet(call.argv.flags, 'keep') && await isGoneFrom(backend, call, id)) undo();
    }
  }
  try {
    return await execBackend(handOver);
  } catch (error) {
    restoreOriginal(configPath, original.text);
    undo();
    throw error;
  }
}

/**
 * The spec as the caller wrote it. A bundle hardrun already created a
 * container from (runc `restore`, a second `create` from the same bundle)
 * holds hardrun's own output, whose paths point into a staging directory:
 * start again from the original kept beside it.
 */
function readCallerSpec(bundle: string): { value: unknown; text: string; ours: boolean } {
  const current = readJsonFile(`${bundle}/config.json`, 'config.json');
  const rootPath = (current.value as Spec | null)?.root?.path;
  if (typeof rootPath !== 'string' || !rootPath.startsWith(`${stagingBase}/`)) return { ...current, ours: false };
  return { ...readJsonFile(`${bundle}/config.orig.json`, 'the original config.json'), ours: true };
}

function restoreOriginal(configPath: string, text: string): void {
  try {
    replaceJsonFile(configPath, JSON.parse(text));
  } catch {
    // The hardened config is whole and valid; keeping it is safe.
  }
}

export function bundlePath(call: Call): string {
  const given = flagValue(call.argv.flags, 'bundle') ?? process.cwd();
  if (given.split('/').includes('..')) throw new HardrunError('bundle', `bundle path ${given} must not contain ".."`);
  return isAbsolute(given) ? given : resolve(given);
}
