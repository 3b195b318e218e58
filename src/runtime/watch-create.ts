import { closeSync } from 'node:fs';
import { resolveBackendPath } from '../backend/backend.js';
import { startBackend } from '../backend/spawn.js';
import { refuseLinkedDevices } from '../bundle/device-links.js';
import { rootfsOf } from '../bundle/rootfs.js';
import { hostIdPool } from '../host/subid.js';
import { logWarning } from '../log/logger.js';
import { auditDecisionTo, openAudit } from '../policy/audit.js';
import type { Policy } from '../policy/policy.js';
import { holdsCleanupHook } from '../state/cleanup-hook.js';
import { previewSlot } from '../state/id-slots.js';
import { writeDefaultRecord } from '../state/record.js';
import { admitBundle, type AdmissionTarget, type CallerSpec } from './admission.js';
import type { Call } from './call.js';
import { handOverTo, type ResolvedBackend } from './hand-over.js';

/**
 * Whether a policy only watches: no rule, every transform and every check
 * in `audit` or `off`, nothing learned, and a default backend of runc's
 * kind. Under it every container runs on the default backend exactly as
 * the caller wrote it (test/runtime/watch-create.test.ts holds the decision
 * to that), so its create needs nothing of the decision (docs/policy.md,
 * "Watch only").
 */
export function watchesOnly(policy: Policy): boolean {
  if (policy.rules.length > 0 || policy.backends[policy.defaultBackend]?.kind !== 'runc') return false;
  if (policy.hardening.rootfs.mode === 'audit' && policy.hardening.rootfs.learn) return false;
  return Object.values(policy.hardening).every(setting => setting.mode !== 'harden')
    && Object.values(policy.checks).every(setting => setting.mode === 'audit' || setting.mode === 'off');
}

/**
 * A `create` under a policy that only watches: the backend gets the
 * caller's bundle untouched, so it starts first, and what the policy would
 * have done is decided and written to the audit log while it creates the
 * container. The container has no record and no cleanup hook, and hardrun
 * keeps nothing of it: the launcher sends its later calls to the default
 * backend by the root's `@default` record, which names this create's
 * backend (src/state/record.ts gives such containers records before the
 * default changes). So a watched container costs its create a process
 * start, the bundle's read and the policy's load before the hand-over, and
 * its delete nothing.
 *
 * Undefined, for the full create (src/runtime/create.ts), when the create
 * needs more: another policy, `run` and `restore`, a bundle that holds
 * hardrun's own rewrite or cleanup hook (an earlier create's, to be
 * undone), a root filesystem the full create refuses (the linked-devices
 * check refuses, and audits, under any policy), systemd's socket
 * activation (`LISTEN_PID` must stay the backend's pid). The caller has already
 * refused unknown flags and a live container of the id.
 *
 * The audit log is opened before the hand-over, so a log that cannot be
 * written stops the create as before. A failure after it is a warning in
 * the call's `--log` file, never on stderr, which may be the container's;
 * the container runs, as the backend answered.
 */
export async function createIfWatched(call: Call, policy: Policy, target: AdmissionTarget, original: CallerSpec): Promise<number | undefined> {
  const chosen = policy.backends[policy.defaultBackend];
  if (call.argv.command !== 'create' || chosen === undefined || !watchesOnly(policy) || original.ours || holdsCleanupHook(original.spec)) return undefined;
  // Socket activation names this process: only an exec keeps its pid for the backend.
  if (call.env['LISTEN_PID'] !== undefined) return undefined;
  try {
    refuseLinkedDevices(rootfsOf(original.spec, target.bundle), chosen.kind);
  } catch {
    return undefined;
  }
  const backend: ResolvedBackend = { ...chosen, path: resolveBackendPath(chosen) };
  writeDefaultRecord(call.root, backend, target.id);
  const audit = policy.audit.file === undefined ? undefined : openAudit(policy.audit.file);
  try {
    const { ended } = await startBackend(handOverTo(backend, call));
    try {
      // A preview of the host ids, as explain shows them: a watched container claims none.
      const { admission } = admitBundle(policy, target, { pool: hostIdPool(), pick: pool => previewSlot(pool) }, original);
      if (audit !== undefined) auditDecisionTo(audit, policy, { event: 'create', id: target.id, caller: target.caller, backend: backend.name }, admission);
    } catch (error) {
      logWarning(call.log, `hardrun could not record in its audit log what its watch-only policy would have done to container ${target.id}: ${(error as Error).message}`);
    }
    return await ended;
  } finally {
    if (audit !== undefined) closeSync(audit);
  }
}
