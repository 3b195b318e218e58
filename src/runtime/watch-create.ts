import { closeSync } from 'node:fs';
import { resolveBackendPath } from '../backend/backend.js';
import { startBackend } from '../backend/spawn.js';
import { refuseLinkedDevices } from '../bundle/device-links.js';
import { rootfsOf } from '../bundle/rootfs.js';
import type { JsonFile } from '../bundle/spec-file.js';
import { logWarning } from '../log/logger.js';
import { openAudit } from '../policy/audit-file.js';
import type { Policy } from '../policy/policy.js';
import type { Spec } from '../spec/types.js';
import { holdsCleanupHook } from '../state/cleanup-hook.js';
import { writeDefaultRecord } from '../state/record.js';
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
 * Undefined, for the full create (src/runtime/create-hardened.ts), when
 * the create needs more: another policy, `run` and `restore`, a bundle that
 * holds hardrun's own rewrite or cleanup hook (an earlier create's, to be
 * undone), a root filesystem the full create refuses (the linked-devices
 * check refuses, and audits, under any policy), a config.json whose root
 * or hooks cannot be read, systemd's socket activation (`LISTEN_PID` must
 * stay the backend's pid). The caller (src/runtime/create.ts) has already
 * refused unknown flags and a live container of the id, and parsed
 * config.json; its shape is checked with the decision, after the hand-over.
 *
 * The audit log is opened before the hand-over, so a log that cannot be
 * written stops the create as before. A failure after it is a warning in
 * the call's `--log` file, never on stderr, which may be the container's;
 * the container runs, as the backend answered.
 */
export async function createIfWatched(call: Call, policy: Policy, id: string, bundle: string, config: JsonFile): Promise<number | undefined> {
  const chosen = policy.backends[policy.defaultBackend];
  if (call.argv.command !== 'create' || chosen === undefined || !watchesOnly(policy)) return undefined;
  // Socket activation names this process: only an exec keeps its pid for the backend.
  if (call.env['LISTEN_PID'] !== undefined) return undefined;
  // Its shape is checked once runc has it; whatever these two cannot read goes the full create's way.
  try {
    const spec = config.value as Spec;
    if (holdsCleanupHook(spec)) return undefined;
    refuseLinkedDevices(rootfsOf(spec, bundle), chosen.kind);
  } catch {
    return undefined;
  }
  const backend: ResolvedBackend = { ...chosen, path: resolveBackendPath(chosen) };
  writeDefaultRecord(call.root, backend, id);
  const audit = policy.audit.file === undefined ? undefined : openAudit(policy.audit.file);
  try {
    const { ended } = await startBackend(handOverTo(backend, call));
    try {
      await auditWatched(audit, policy, id, bundle, call.root, config, backend.name);
    } catch (error) {
      logWarning(call.log, `hardrun could not record in its audit log what its watch-only policy would have done to container ${id}: ${(error as Error).message}`);
    }
    return await ended;
  } finally {
    if (audit !== undefined) closeSync(audit);
  }
}

/**
 * What the policy would have done, decided while the backend creates the
 * container, with the modules of deciding loaded only now. A watched
 * container claims no host ids: the audit shows the slot `explain` would.
 * A config.json of the wrong shape is the backend's to refuse; here it
 * stops only the audit record, which the caller's --log then tells of.
 */
async function auditWatched(audit: number | undefined, policy: Policy, id: string, bundle: string, root: string, config: JsonFile, backend: string): Promise<void> {
  const [{ admitBundle, readCallerSpec }, { callerOf }, { hostIdPool }, { previewSlot }, { auditDecisionTo }] = await Promise.all([
    import('./admission.js'), import('../host/facts.js'), import('../host/subid.js'), import('../state/id-slots.js'), import('../policy/audit.js'),
  ]);
  const caller = callerOf(root);
  const { admission } = admitBundle(policy, { id, bundle, root, caller }, { pool: hostIdPool(), pick: pool => previewSlot(pool) }, readCallerSpec(bundle, config));
  if (audit !== undefined) auditDecisionTo(audit, policy, { event: 'create', id, caller, backend }, admission);
}
