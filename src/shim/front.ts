import { basename, dirname } from 'node:path';
import { execBackend } from '../backend/exec.js';
import { replaceJsonFile } from '../bundle/spec-file.js';
import { isContainerId } from '../container-id.js';
import { HardrunError } from '../errors.js';
import { hostIdPool } from '../host/subid.js';
import { previewSlot } from '../state/id-slots.js';
import { auditDecision } from '../policy/audit.js';
import { loadPolicy } from '../policy/load.js';
import { admitBundle, refuseIfRefused } from '../runtime/admission.js';
import type { Spec } from '../spec/types.js';
import { parseShimArgv, type ShimArgv } from './argv.js';
import { systemPath } from '../backend/backend.js';
import { findKataShim, findRuncShim, runcPathDir, runcShimName } from './choose.js';
import { readShimChoice, writeShimChoice } from './record.js';

/**
 * `containerd-shim-hardrun-v2`: containerd starts it as it starts any shim v2
 * (cwd = the bundle), and it hands over, by execve and with the same argv, to
 * the shim the policy picks. containerd then talks to that shim directly.
 *
 * - runc or runsc backends: containerd's runc shim, with hardrun's `runc`
 *   first on its PATH. The runc shim runs `runc create` itself once it has
 *   mounted the rootfs, and only then can hardrun stage the user namespace;
 *   so config.json is left as containerd wrote it, and hardrun's create
 *   decides on exactly what the front decided on (the same spec, caller and
 *   policy, through the same admission: src/runtime/admission.ts).
 *   Hardening it here first would make that decision on an already-hardened
 *   spec, where a rule that matches what the container asks for (a
 *   capability, say) no longer matches. The front still refuses early.
 * - kata backends: Kata's shim reads config.json itself and never calls a
 *   runc, so the front hardens config.json here and records the decision in
 *   the audit log. Nothing reads the original later (containerd writes a
 *   new bundle for every task), so none is kept: the bundle holds only
 *   config.json and the front's choice.
 */
export async function runShimFront(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const shim = parseShimArgv(argv);
  const bundle = shim.bundle ?? process.cwd();
  if (shim.action === 'start') return startShim(argv, shim, bundle, env);
  if (shim.action === 'delete') {
    // Cleanup after a dead shim goes to the shim that ran the container.
    const recorded = readShimChoice(bundle);
    if (recorded !== undefined && basename(recorded.shim) !== runcShimName) return handOver(recorded.shim, argv, env, false);
    return handOver(recorded?.shim ?? findRuncShim(shim.publishBinary), argv, env, true);
  }
  // Flag-only calls (-v, -info): the shim of the policy's default backend.
  const policy = await loadPolicy(undefined, env);
  const backend = policy.backends[policy.defaultBackend];
  if (backend === undefined) throw new HardrunError('policy-invalid', `the policy's defaultBackend "${policy.defaultBackend}" names no backend: add it to backends`);
  return backend.kind === 'kata' ? handOver(findKataShim(backend), argv, env, false) : handOver(findRuncShim(shim.publishBinary), argv, env, true);
}

async function startShim(argv: readonly string[], shim: ShimArgv, bundle: string, env: NodeJS.ProcessEnv): Promise<number> {
  const id = shim.id ?? basename(bundle);
  if (!isContainerId(id)) throw new HardrunError('argv', `invalid container id format: ${id}`);
  const policy = await loadPolicy(undefined, env);
  const configPath = `${bundle}/config.json`;
  const caller = shim.namespace ?? '';
  // The runc shim picks the runc root later: the front decides without one.
  const { original, admission } = admitBundle(policy, { id, bundle, root: undefined, caller }, { pool: hostIdPool(), pick: previewSlot });
  const { backend, decision } = admission;
  refuseIfRefused(policy, admission, { id, caller });
  refuseSplitPod(original.spec, id, bundle, backend.kind === 'kata');
  if (backend.kind !== 'kata') {
    const runcShim = findRuncShim(shim.publishBinary);
    writeShimChoice(bundle, { shim: runcShim, backend: backend.name, rule: decision.rule });
    return handOver(runcShim, argv, env, true);
  }
  const kataShim = findKataShim(backend);
  replaceJsonFile(configPath, admission.spec);
  auditDecision(policy, { event: 'create', id, caller, backend: admission.backend.name }, admission);
  writeShimChoice(bundle, { shim: kataShim, backend: backend.name, rule: decision.rule });
  try {
    return await handOver(kataShim, argv, env, false);
  } catch (error) {
    replaceJsonFile(configPath, JSON.parse(original.text));
    throw error;
  }
}

/**
 * The containers of a Kubernetes pod share its sandbox's shim (containerd
 * asks each container's shim `start`, and the shim groups them by the
 * sandbox id), so a container cannot go to Kata when its pod's sandbox runs
 * under runc, nor to runc inside a Kata pod: refused, with the reason. The
 * sandbox's bundle is a sibling of the container's.
 */
export function refuseSplitPod(spec: Spec, id: string, bundle: string, wantsKata: boolean): void {
  const sandboxId = spec.annotations?.['io.kubernetes.cri.sandbox-id'];
  if (sandboxId === undefined || sandboxId === id || !isContainerId(sandboxId)) return;
  const pod = readShimChoice(`${dirname(bundle)}/${sandboxId}`);
  if (pod === undefined) return;
  const podIsKata = basename(pod.shim) !== runcShimName;
  if (podIsKata === wantsKata) return;
  throw new HardrunError('refused', `hardrun refused this container: the policy sends it to ${wantsKata ? 'Kata' : 'runc'}, but its pod's sandbox ${sandboxId} runs under ${podIsKata ? 'Kata' : 'runc'} (backend ${pod.backend}, rule ${pod.rule}), and a pod's containers share one shim: decide by what the whole pod shares, or choose the handler by RuntimeClass`);
}

/** Becomes the chosen shim; for runc's, every `runc` it runs is hardrun. */
function handOver(shimPath: string, argv: readonly string[], env: NodeJS.ProcessEnv, viaHardrun: boolean): Promise<never> {
  const path = viaHardrun ? `${runcPathDir()}:${env['PATH'] ?? systemPath.join(':')}` : env['PATH'];
  return execBackend({ argv: [shimPath, ...argv], env: { ...env, ...(path === undefined ? {} : { PATH: path }) }, keepFds: [] });
}
