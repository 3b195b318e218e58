import { existsSync } from 'node:fs';
import { rootInStaging } from '../bundle/rootfs.js';
import { readJsonFile } from '../bundle/spec-file.js';
import { HardrunError } from '../errors.js';
import { loadPolicy } from '../policy/load.js';
import { readRecord, type ContainerRecord } from '../state/record.js';
import { bundlePath, createdId, refuseUnknownFlags, runcWords, type Call } from './call.js';
import { isGoneFrom } from './hand-over.js';
import { createIfWatched } from './watch-create.js';

/**
 * `create`, `run` and `restore`: what every create does before it knows
 * whether the policy changes anything. It reads the bundle's config.json,
 * refuses a live id, and loads the policy; a create under a policy that
 * only watches then hands over at once (src/runtime/watch-create.ts), and
 * any other goes on to the hardened create (src/runtime/create-hardened.ts).
 * The modules of deciding, checking, hardening and staging load only after
 * that choice: a watched create starts its backend without them
 * (docs/performance.md).
 */
export async function createContainer(call: Call): Promise<number> {
  refuseUnknownFlags(call);
  const id = createdId(call);
  const hardened = (): Promise<typeof import('./create-hardened.js')> => import('./create-hardened.js');
  // No container named: the backend gives its usage answer and starts nothing.
  if (id === undefined) return (await hardened()).createUnnamed(call);
  const bundle = bundlePath(call);
  const config = readJsonFile(`${bundle}/config.json`, 'config.json');
  // hardrun's own rewrite names its original, which is read before
  // refuseIfLive may remove the failed create's staging directory that keeps it.
  const original = rootInStaging(config.value) !== undefined ? (await import('./admission.js')).readCallerSpec(bundle, config) : undefined;
  await refuseIfLive(call, id);
  const policy = await loadPolicy(call.policyPath, call.env);
  if (original === undefined) {
    const watched = await createIfWatched(call, policy, id, bundle, config);
    if (watched !== undefined) return watched;
  }
  return (await hardened()).createHardened(call, id, bundle, policy, original ?? config);
}

/**
 * A second create of a container that exists is refused as runc refuses it,
 * before anything is written: its undo would otherwise take the live
 * container's record, staging directory and claim of host ids, and for a
 * container without a record, what it wrote would outlive the refusal. A record
 * whose backend no longer knows the container is a failed or killed
 * create's: what it left goes first (its claim above all, which the new
 * create would otherwise hold beside one of its own).
 */
async function refuseIfLive(call: Call, id: string): Promise<void> {
  let record: ContainerRecord | undefined;
  try {
    record = readRecord(call.root, id);
  } catch {
    // No record to protect that can be read: the create's own writes say what is wrong.
    return;
  }
  // A watched container keeps no record (src/runtime/watch-create.ts): its backend's state says it is there.
  if (record === undefined) {
    if (existsSync(`${call.root}/${id}`)) throw new HardrunError('exists', runcWords(call, 'container with given ID already exists'));
    return;
  }
  if (await isGoneFrom(record, call, id)) {
    (await import('./leftovers.js')).removeLeftovers(call.root, id, record);
    return;
  }
  throw new HardrunError('exists', runcWords(call, 'container with given ID already exists'));
}
