import { statSync } from 'node:fs';
import { execBackend } from '../backend/exec.js';
import { runBackend } from '../backend/spawn.js';
import { readRecord, removeRecord } from '../state/record.js';
import { containerId, type Call } from './call.js';
import { backendFor, handOverTo, isGoneFrom } from './hand-over.js';
import { removeLeftovers } from './leftovers.js';

/** Commands whose first positional argument is a container id. */
const byId = new Set(['start', 'state', 'kill', 'delete', 'ps', 'pause', 'resume', 'update', 'events', 'checkpoint']);

/**
 * Every call that needs no spec work goes, argv unchanged but for the
 * backend's dialect, to the backend that created the container; calls about
 * no container in particular (`list`, `features`, `spec`, `--version`) and
 * containers hardrun has no record of go to the policy's default backend.
 */
export async function forwardCall(call: Call): Promise<number> {
  const id = idOf(call);
  const record = id === undefined ? undefined : readRecord(call.root, id);
  const handOver = handOverTo(await backendFor(call, record), call);
  if (call.argv.command === 'delete' && id !== undefined && record !== undefined) {
    // The record must outlive a failed delete (the container is still
    // there) and go once it succeeds or the container is gone, so hardrun waits for the backend. As
    // in the launcher, a staging directory that cannot be removed stays
    // behind for `hardrun doctor` to report; the container is gone.
    // As the launcher: a backend that has the container runs its cleanup hook
    // as it deletes it, so the call becomes the backend's.
    if (record.hooked === true && isDirectory(`${call.root}/${id}`)) return execBackend(handOver);
    const status = await runBackend(handOver);
    if (status === 0 || await isGoneFrom(record, call, id)) removeLeftovers(call.root, id, record);
    return status;
  }
  // No record: nothing of hardrun's to keep for a retry, but a killed
  // create may have left a half-written one. Without a usable id (`delete
  // -h`, no id at all) there is nothing of hardrun's to remove.
  if (call.argv.command === 'delete' && id !== undefined) removeRecord(call.root, id);
  return execBackend(handOver);
}

/**
 * `COMMAND -h`: the default backend prints that command's help. Nothing is
 * looked up or removed (a `delete -h ID` deletes nothing, so its record stays).
 */
export async function forwardHelp(call: Call): Promise<number> {
  return execBackend(handOverTo(await backendFor(call, undefined), call));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The container the call names, when it names one runc would accept. */
function idOf(call: Call): string | undefined {
  if (call.argv.command === undefined || !byId.has(call.argv.command)) return undefined;
  try {
    return containerId(call);
  } catch {
    return undefined; // Let the backend answer for a missing or malformed id, in its own words.
  }
}
