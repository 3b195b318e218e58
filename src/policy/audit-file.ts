import { constants, openSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { HardrunError, isErrno } from '../errors.js';
import { directoryModes, ensureOwnDirectory } from '../host/directories.js';

/** The audit log, open for appending, or the sentence that says why it cannot be written. */
export function openAudit(file: string): number {
  try {
    return openAuditLog(file);
  } catch (error) {
    throw new HardrunError('audit', `cannot write the audit log ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The audit log, opened for appending; its directory is made (root's
 * alone) when the host has none yet, as on a host where the policy that
 * names /var/log/hardrun/audit.jsonl is the first thing of hardrun's.
 */
function openAuditLog(file: string): number {
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;
  try {
    return openSync(file, flags, 0o600);
  } catch (error) {
    if (!isErrno(error, 'ENOENT') || !isAbsolute(file)) throw error;
    ensureOwnDirectory(dirname(file), directoryModes.private, true);
    return openSync(file, flags, 0o600);
  }
}
