import { basename } from 'node:path';
import { flagIsSet } from '../cli/argv.js';
import { resolveBackendPath } from '../backend/backend.js';
import { execBackend } from '../backend/exec.js';
import { runBackend } from '../backend/spawn.js';
import { refuseLinkedDevices } from '../bundle/device-links.js';
import { replaceJsonFile, type JsonFile } from '../bundle/spec-file.js';
import { stageMounts, type StagedMounts } from '../bundle/stage-mounts.js';
import { rootfsOf } from '../bundle/rootfs.js';
import { needsStaging, planStaging, prepareStaging, removeStaging, stagingDirFor, existingUpperOwner } from '../bundle/staging.js';
import { HardrunError } from '../errors.js';
import type { HardeningSettings } from '../harden/settings.js';
import { imageOf } from '../policy/image.js';
import { callerOf, hostMountinfo } from '../host/facts.js';
import { detachAll } from '../host/idmap.js';
import { giveStdioTo } from '../host/stdio.js';
import { hostIdPool } from '../host/subid.js';
import { auditDecision } from '../policy/audit.js';
import type { Policy } from '../policy/policy.js';
import type { Spec } from '../spec/types.js';
import { withCleanupHook, withoutCleanupHooks, type CleanupTarget } from '../state/cleanup-hook.js';
import { claimPath, claimSlot, freeSlot, joinSlot, releaseSlot } from '../state/id-slots.js';
import type { PodJoin } from '../state/pod.js';
import { readRecord, recordPath, removeRecord, writeDefaultRecord, writeRecord } from '../state/record.js';
import { admitBundle, keepCallerSpec, readCallerSpec, refuseIfRefused, type AdmissionTarget, type CallerSpec } from './admission.js';
import { isDetached, type Call } from './call.js';
import { backendFor, handOverTo, isGoneFrom, type ResolvedBackend } from './hand-over.js';

/** A create that names no container: the backend gives its usage answer and starts nothing. */
export async function createUnnamed(call: Call): Promise<number> {
  return execBackend(handOverTo(await backendFor(call, undefined), call));
}

/**
 * `create`, `run` and `restore` under a policy that may change the
 * container (src/runtime/create.ts has read config.json, refused a live id
 * and loaded the policy): decide, check and harden the bundle's config.json
 * by policy, remember the backend, and hand the call over. Any failure
 * before the hand-over stops the call with the container never started,
 * and undoes what was done: the record, the staging directory, the
 * rewritten config.json. The record is written first, so that if hardrun is
 * killed part way, the `delete --force` that Docker and containerd send
 * finds what to remove.
 */
export async function createHardened(call: Call, id: string, bundle: string, policy: Policy, read: CallerSpec | JsonFile): Promise<number> {
  const original = 'spec' in read ? read : readCallerSpec(bundle, read);
  const configPath = `${bundle}/config.json`;
  const caller = callerOf(call.root);
  const target: AdmissionTarget = { id, bundle, root: call.root, caller };
  const { admission, backend, plan, claim, trace, netns, learns, held } = await admitAndRecord(call, policy, target, original, () => upperOwnerOf(original.spec, bundle, hostMountinfo), hostMountinfo);
  const meta = { event: 'create' as const, id, caller, backend: backend.name };
  const release = (): void => {
    if (claim !== undefined) releaseSlot(claim, basename(plan.dir));
  };
  const ids = plan === undefined ? undefined : admission.ids;
  let staged: StagedMounts | undefined;
  const undo = async (): Promise<void> => {
    if (trace !== undefined) (await import('../host/cap-trace.js')).stopCapabilityTrace(trace);
    if (staged !== undefined) await detachAll(staged.targets);
    if (plan !== undefined) removeStaging(plan.dir);
    release();
    removeRecord(call.root, id);
  };
  try {
    if (plan !== undefined && ids !== undefined) {
      prepareStaging(plan, ids);
      staged = await stageMounts(plan, ids);
      if (staged.rootLost !== undefined && admission.decision.hardening.userNamespace.whenOwnersLost === 'refuse') {
        const reason = `root.path: the root filesystem ${plan.rootfs} cannot be idmapped on this host (${staged.rootLost}), so its files would show as nobody (hardening.userNamespace.whenOwnersLost is refuse; set it to nobody to run such containers so, or hardening.userNamespace.mode to off; hardrun doctor says what this host keeps)`;
        auditDecision(policy, meta, { ...admission, refusals: [...admission.refusals, reason] });
        throw new HardrunError('refused', `hardrun refused this container: ${reason}`);
      }
      keepCallerSpec(plan.dir, bundle, original);
    }
    auditDecision(policy, meta, staged === undefined ? admission : { ...admission, findings: [...admission.findings, ...staged.findings] });
    replaceJsonFile(configPath, forBackend(await withoutJoinedNetwork(plan?.spec ?? admission.spec, netns), backend, hasCleanupHook(backend, learns) ? { record: recordPath(call.root, id), ...(plan === undefined ? {} : { staging: plan.dir }), ...(claim === undefined ? {} : { claim }) } : undefined));
  } catch (error) {
    // A create from hardrun's own rewrite may be about to remove the copy it was read from.
    if (original.ours) restoreOriginal(configPath, original.text);
    await undo();
    throw error;
  }
  if (ids !== undefined) giveStdioTo(ids.uids.hostID, ids.gids.hostID);
  try {
    if (netns !== undefined) {
      const { enterNetworkNamespace, networkSysctls, writeNetworkSysctls } = await import('../host/netns.js');
      await enterNetworkNamespace(netns.path, netns.inode);
      writeNetworkSysctls(networkSysctls(plan?.spec ?? admission.spec));
    }
  } catch (error) {
    restoreOriginal(configPath, original.text);
    await undo();
    throw error;
  }
  // This process becomes the backend, whose children become the container.
  if (trace !== undefined) {
    const { startCapabilityTrace } = await import('../host/cap-trace.js');
    startCapabilityTrace(trace, await grantedCapabilities(admission.decision.hardening.capabilities.allow), process.pid, held);
  }
  const handOver = handOverTo(backend, call);

  // A foreground `run` is the one create-like call hardrun must outlive: the
  // backend deletes the container when it ends, and the record must go too.
  if (call.argv.command === 'run' && !isDetached(call)) {
    try {
      return await runBackend(handOver);
    } finally {
      // Only once the container is gone: a backend killed before it leaves it running.
      // The bundle gets the caller's config.json back (its kept copy goes with the staging).
      if (!flagIsSet(call.argv.flags, 'keep') && await isGoneFrom(backend, call, id)) {
        if (learns) await recordLearnedRun(call.root, id, caller);
        restoreOriginal(configPath, original.text);
        await undo();
      }
    }
  }
  try {
    return await execBackend(handOver);
  } catch (error) {
    restoreOriginal(configPath, original.text);
    await undo();
    throw error;
  }
}

/** A foreground `run` learned from ends without a delete of hardrun's: what it needed is recorded here. */
async function recordLearnedRun(root: string, id: string, caller: string): Promise<void> {
  try {
    const record = readRecord(root, id);
    if (record !== undefined) (await import('../learn/learned-record.js')).appendLearnedRecord(id, caller, record);
  } catch {
    // A record that cannot be read learns nothing; undo removes it.
  }
}

/**
 * Admits the spec, plans its staging, writes its record, and claims the
 * host ids it maps to, in that order: the record names the claim before the
 * claim exists, so that a create killed at any point leaves what the
 * `delete --force` that follows removes (a delete frees only a claim that
 * holds its own container's entry). Another create may claim the same slot
 * between the pick and the claim: then the spec is admitted again with
 * another, and the record rewritten.
 */
async function admitAndRecord(call: Call, policy: Policy, target: AdmissionTarget, original: CallerSpec, preferred: () => number | undefined, mountinfo: () => string) {
  const pool = hostIdPool();
  const skip = new Set<number>();
  const owner = recordPath(call.root, target.id);
  // The pod is found from the spec as the caller wrote it, once: its sandbox's range is not a pick that can be retried.
  const pod: PodJoin = joinsByPath(original.spec) ? (await import('../state/pod.js')).podOf(original.spec, call.root) : { kind: 'none' };
  for (let attempt = 0; attempt < 16; attempt += 1) {
    const { subject, admission } = admitBundle(policy, target, { pool, pick: from => freeSlot(from, skip, attempt === 0 ? preferred() : undefined), pod }, original);
    refuseIfRefused(policy, admission, subject);
    const backend: ResolvedBackend = { ...admission.backend, path: resolveBackendPath(admission.backend) };
    const bundle = subject.origin.bundle;
    try {
      refuseLinkedDevices(rootfsOf(admission.spec, bundle), backend.kind);
    } catch (error) {
      // The audit log shows this refusal as it shows the policy's.
      if (error instanceof HardrunError && error.code === 'refused') {
        auditDecision(policy, { event: 'create', id: subject.id, caller: subject.caller, backend: backend.name }, { ...admission, refusals: [error.message.replace(/^hardrun refused this container: /, '')] });
      }
      throw error;
    }
    const member = pod.kind === 'member' && joinsUserNamespace(admission.spec, pod.userNamespace) ? pod : undefined;
    const plan = admission.ids !== undefined && (needsStaging(admission.spec) || member !== undefined)
      ? planStaging(admission.spec, bundle, stagingDirFor(call.root, subject.id), { mountinfo: mountinfo(), callerPaths: [call.root], ...admission.decision.hardening.userNamespace })
      : undefined;
    const ids = plan === undefined ? undefined : admission.ids;
    const claim = ids === undefined ? undefined : member?.claim ?? claimPath(ids);
    const netns = await networkToJoin(plan?.spec ?? admission.spec, backend.kind);
    const learns = learnsFrom(admission.decision.hardening, backend);
    const trace = learns ? (await import('../host/cap-trace.js')).plannedTrace(basename(stagingDirFor(call.root, target.id))) : undefined;
    const learn = learns ? (await import('../learn/state.js')).learnStateOf({
      audit: policy.audit.file, image: admission.image ?? imageOf(subject), spec: admission.spec, bundle, mountinfo: mountinfo(), plan,
      writablePaths: admission.decision.hardening.rootfs.writablePaths, allow: admission.decision.hardening.capabilities.allow,
      held: await heldBeyond(admission.spec, admission.decision.hardening.capabilities.allow),
    }) : undefined;
    // Before the container's record: a create killed while writing it leaves
    // a temporary file named for this container and no record, which sends
    // the launcher's delete to the engine, whose delete removes it.
    const fallback = policy.backends[policy.defaultBackend];
    if (fallback === undefined) throw new HardrunError('policy-invalid', `the policy's defaultBackend "${policy.defaultBackend}" names no backend: add it to backends`);
    writeDefaultRecord(call.root, fallback.name === backend.name ? backend : { ...fallback, path: resolveBackendPath(fallback) }, subject.id);
    writeRecord(call.root, subject.id, {
      kind: backend.kind, name: backend.name, path: backend.path, args: backend.args, ...admission.decision.basis,
      ...(plan === undefined ? {} : { staging: plan.dir }),
      ...(claim === undefined ? {} : { claim }),
      ...(ids === undefined ? {} : { ids: { uid: ids.uids.hostID, gid: ids.gids.hostID } }),
      ...(trace === undefined ? {} : { trace }),
      ...(learn === undefined ? {} : { learn }),
      ...(hasCleanupHook(backend, learns) ? { hooked: true } : {}),
      ...(member === undefined ? {} : { pod: member.sandbox }),
      ...(netns === undefined ? {} : { netns }),
    });
    const held = learn?.held;
    if (plan === undefined || ids === undefined) return { admission, backend, plan, trace, netns, learns, held };
    if (member !== undefined && claim !== undefined) {
      if (joinSlot(claim, basename(plan.dir), owner)) return { admission, backend, plan, claim, trace, netns, learns, held };
      removeRecord(call.root, target.id);
      throw new HardrunError('refused', `hardrun refused this container: linux.namespaces: its pod's sandbox ${member.sandbox} was deleted while it was being created, and with it the pod's host ids (a container joins only a live sandbox's user namespace; create the pod again)`);
    }
    if (claimSlot(ids, basename(plan.dir), owner)) return { admission, backend, plan, claim, trace, netns, learns, held };
    skip.add(ids.uids.hostID);
  }
  removeRecord(call.root, target.id);
  throw new HardrunError('ids', 'cannot claim host ids for the container: every slot tried was taken by concurrent creates');
}

/**
 * The spec the backend gets: under runc, with the hook that removes
 * hardrun's state when runc removes the container (src/state/cleanup-hook.ts).
 * A container learned from has none: its engine's `delete` must find the
 * record, to append what it needed to the audit log and stop its trace.
 * Other backends' hook rules are theirs; their records go at hardrun's `delete`.
 */
function forBackend(spec: Spec, backend: ResolvedBackend, cleanup: CleanupTarget | undefined): Spec {
  return backend.kind === 'runc' && cleanup !== undefined ? withCleanupHook(spec, cleanup) : withoutCleanupHooks(spec);
}

/** hardrun joins the network namespace itself before the hand-over (src/host/netns.ts): the backend's spec names none. */
async function withoutJoinedNetwork(spec: Spec, netns: { readonly path: string } | undefined): Promise<Spec> {
  return netns === undefined ? spec : (await import('../host/netns.js')).withoutNetworkNamespace(spec);
}

/**
 * Whether the spec joins any namespace by path (a pod's container, or
 * `--network container:`): only then is there a pod to look for. The pod,
 * network-namespace, learning and trace modules load only on the creates
 * that use them: every create pays for the code it loads (docs/performance.md).
 */
function joinsByPath(spec: Spec): boolean {
  return spec.linux?.namespaces?.some(namespace => namespace.path !== undefined && namespace.path !== '') === true;
}

/** The network namespace hardrun enters for the backend, with its inode, or undefined (src/host/netns.ts). */
async function networkToJoin(spec: Spec, backendKind: string): Promise<{ path: string; inode: number } | undefined> {
  if (!joinsByPath(spec)) return undefined;
  const { namespaceInode, networkNamespaceToJoin } = await import('../host/netns.js');
  const path = networkNamespaceToJoin(spec, backendKind);
  return path === undefined ? undefined : { path, inode: namespaceInode(path) };
}

/** Whether the hardened spec joins the pod sandbox's user namespace (a rule in audit, or a userns-remap spec, keeps its own). */
function joinsUserNamespace(spec: Spec, path: string): boolean {
  return spec.linux?.namespaces?.some(namespace => namespace.type === 'user' && namespace.path === path) === true;
}

/** Whether the backend gets the cleanup hook (forBackend), which the record then says. */
function hasCleanupHook(backend: ResolvedBackend, learns: boolean): boolean {
  return backend.kind === 'runc' && !learns;
}

/**
 * A container the operator learns from (`hardrun suggest`): its read-only
 * root only audited, and `learn` asked for. Its capability checks are
 * watched too, where the backend's processes are the host's own (runc). A
 * container that is only watched is not traced: watching costs what
 * watching costs.
 */
function learnsFrom(hardening: HardeningSettings, backend: ResolvedBackend): boolean {
  return hardening.rootfs.mode === 'audit' && hardening.rootfs.learn && backend.kind === 'runc';
}

/**
 * The capabilities the container will hold beyond the allowlist: those a
 * policy that only watches capabilities leaves it (Docker's defaults). Its
 * trace keeps their granted checks: enforcing would refuse them.
 */
function heldBeyond(spec: Spec, allow: readonly string[]): Promise<number[]> {
  const caps = spec.process?.capabilities;
  const names = new Set([...caps?.bounding ?? [], ...caps?.effective ?? [], ...caps?.permitted ?? []]);
  for (const name of allow) names.delete(name);
  return grantedCapabilities([...names]);
}

async function grantedCapabilities(allow: readonly string[]): Promise<number[]> {
  const { capabilityNumber } = await import('../host/capability-numbers.js');
  return allow.map(capabilityNumber).filter((cap): cap is number => cap !== undefined);
}

function upperOwnerOf(spec: Spec, bundle: string, mountinfo: () => string): number | undefined {
  try {
    return existingUpperOwner(spec, bundle, mountinfo());
  } catch {
    return undefined;
  }
}

function restoreOriginal(configPath: string, text: string): void {
  try {
    replaceJsonFile(configPath, JSON.parse(text));
  } catch {
    // The hardened config is whole and valid; keeping it is safe.
  }
}
