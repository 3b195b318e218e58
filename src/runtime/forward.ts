import { execBackend } from '../backend/exec.js';
import { runBackend } from '../backend/spawn.js';
import { removeStaging, stagingDirFor } from '../bundle/staging.js';
import { isErrno, readRecord, removeRecord, type ContainerRecord } from '../state/record.js';
import { containerId, type Call } from './call.js';
import { backendFor, handOverTo } from './target.js';

/** Commands whose first positional argument is a container id. */
const byId = new Set(['start', 'state', 'kill', 'delete', 'ps', 'pause', 'resume', 'update', 'events', 'checkpoint']);

/**
 * Every call that needs no spec work goes, argv unchanged but for the
 * backend's dialect, to the backend that created the container; calls about
 * no container in particular (`list`, `features`, `spec`, `--version`) and
 * containers hardrun has no record of go to the policy's default backend.
 */
export async function forwardCall(call: Call): Promise<number> {
  const record = recordOf(call);
  const handOver = handOverTo(await backendFor(call, record), call);
  if (call.argv.command === 'delete' && record !== undefined) {
    // The record must outlive a failed delete (the container is still
    // there) and go once it succeeds, so hardrun waits for the backend. As
    // in the launcher, a staging directory that cannot be removed stays
    // behind for `hardrun doctor` to report; the container is gone.
    const status = await runBackend(handOver);
    if (status === 0) {
      const id = call.argv.positionals[0]!;
      removeRecord(call.root, id);
      // Only the directory this root and id stage in, whatever the record says.
      if (record.staging !== undefined && record.staging === stagingDirFor(call.root, id)) removeStagingLeftAsIs(record.staging);
    }
    return status;
  }
  // No record: nothing of hardrun's to keep for a retry, but a killed
  // create may have left a half-written one.
  if (call.argv.command === 'delete') removeRecord(call.root, call.argv.positionals[0] ?? '');
  return execBackend(handOver);
}

/**
 * `COMMAND -h`: the default backend prints that command's help. Nothing is
 * looked up or removed (a `delete -h ID` deletes nothing, so its record stays).
 */
export async function forwardHelp(call: Call): Promise<number> {
  return execBackend(handOverTo(await backendFor(call, undefined), call));
}

/** Removes a staging directory; one that something was put in stays, for `hardrun doctor` to report. */
function removeStagingLeftAsIs(dir: string): void {
  try {
    removeStaging(dir);
  } catch (error) {
    const cause = (error as Error).cause;
    if (!isErrno(cause, 'ENOTEMPTY') && !isErrno(cause, 'EBUSY') && !isErrno(cause, 'EEXIST')) throw error;
  }
}

function recordOf(call: Call): ContainerRecord | undefined {
  if (call.argv.command === undefined || !byId.has(call.argv.command)) return undefined;
  let id: string;
  try {
    id = containerId(call);
  } catch {
    return undefined; // Let the backend answer for a malformed id, in its own words.
  }
  return readRecord(call.root, id);
}
