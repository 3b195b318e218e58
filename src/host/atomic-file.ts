import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { HardrunError } from '../errors.js';
import { randomHex } from './digest.js';

/**
 * Creates a fresh temporary file beside `target` (never following a
 * symlink, never reusing a name), writes it whole, and renames it over the
 * target. A crash leaves either the old file or the new one.
 */
export function writeFileAtomic(target: string, content: string | Uint8Array, mode: number, options: { sync?: boolean; tempPrefix?: string } = {}): void {
  const slash = target.lastIndexOf('/');
  const temp = `${options.tempPrefix ?? `${target.slice(0, slash + 1)}.${target.slice(slash + 1)}.`}${randomHex(6)}.tmp`;
  let fd: number;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  } catch (error) {
    throw new HardrunError('write', `cannot write ${target}: ${(error as Error).message}`, { cause: error });
  }
  let open = true;
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    if (options.sync) fsyncSync(fd);
    open = false;
    closeSync(fd);
    renameSync(temp, target);
  } catch (error) {
    if (open) closeSync(fd);
    try { unlinkSync(temp); } catch { /* already renamed or removed */ }
    throw new HardrunError('write', `cannot write ${target}: ${(error as Error).message}`, { cause: error });
  }
}
