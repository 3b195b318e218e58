import { basename } from 'node:path';
import { removeStaging, stagingDirFor } from '../bundle/staging.js';
import { isErrno } from '../errors.js';
import { stopCapabilityTrace } from '../host/cap-trace.js';
import { callerOf } from '../host/facts.js';
import { appendLearnedRecord } from '../learn/learned-record.js';
import { releaseSlot } from '../state/id-slots.js';
import { removeRecord, type ContainerRecord } from '../state/record.js';

/** A claim as src/state/id-slots.ts names them. */
const claimName = /^\/run\/hardrun\/ids\/[0-9]+$/;

/**
 * Removes what hardrun keeps for a container the backend no longer has:
 * its record, its capability trace, its staging directory (only the one
 * this root and id stage in, whatever the record says; one that something
 * was put in stays, for `hardrun doctor` to report) and its claim of host
 * ids (freed only while this container's entry is the one in it). What a
 * learned container needed goes to the audit log first, as one record.
 */
export function removeLeftovers(root: string, id: string, record: ContainerRecord): void {
  // Before its trace goes: what a learned container needed outlives it, in the audit log.
  if (record.learn !== undefined) appendLearnedRecord(id, callerOf(root), record);
  removeRecord(root, id);
  if (record.trace !== undefined) stopCapabilityTrace(record.trace);
  if (record.staging !== undefined && record.staging === stagingDirFor(root, id)) removeStagingLeftAsIs(record.staging);
  if (record.claim !== undefined && record.staging !== undefined && claimName.test(record.claim)) releaseSlot(record.claim, basename(record.staging));
}

/** Removes a staging directory; one that something was put in stays. */
function removeStagingLeftAsIs(dir: string): void {
  try {
    removeStaging(dir);
  } catch (error) {
    const cause = (error as Error).cause;
    if (!isErrno(cause, 'ENOTEMPTY') && !isErrno(cause, 'EBUSY') && !isErrno(cause, 'EEXIST')) throw error;
  }
}
