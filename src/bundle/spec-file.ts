import { closeSync, constants, fstatSync, linkSync, openSync, readSync } from 'node:fs';
import { HardrunError } from '../errors.js';
import { isErrno, writeFileAtomic } from '../state/record.js';

/** Docker's config.json is ~10 KiB; anything this large is hostile or broken. */
export const maxSpecBytes = 8 * 1024 * 1024;

/**
 * Reads a JSON document from a regular file, refusing a symlink in its last
 * component and anything larger than `maxSpecBytes`. Returns the parsed
 * value and the text (kept for the backup).
 */
export function readJsonFile(path: string, what: string): { value: unknown; text: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const reason = isErrno(error, 'ELOOP') ? 'it is a symlink' : (error as Error).message;
    throw new HardrunError('spec-read', `cannot read ${what} ${path}: ${reason}`, { cause: error });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new HardrunError('spec-read', `cannot read ${what} ${path}: it is not a regular file`);
    if (stat.size > maxSpecBytes) {
      throw new HardrunError('spec-read', `cannot read ${what} ${path}: ${stat.size} bytes is over the ${maxSpecBytes}-byte limit`);
    }
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > stat.size) throw new HardrunError('spec-read', `cannot read ${what} ${path}: it grew while being read`);
    }
    const text = buffer.subarray(0, length).toString('utf8');
    try {
      return { value: JSON.parse(text), text };
    } catch (error) {
      throw new HardrunError('spec-parse', `${what} ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces a JSON file atomically. When `keepOriginalAs` is given and no file
 * of that name exists yet, the original is kept under it (a hard link, so no
 * copy) for diagnosis.
 */
export function replaceJsonFile(path: string, value: unknown, options: { keepOriginalAs?: string; sync?: boolean } = {}): void {
  if (options.keepOriginalAs !== undefined) {
    try {
      linkSync(path, options.keepOriginalAs);
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) {
        throw new HardrunError('write', `cannot keep the original ${path}: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  writeFileAtomic(path, JSON.stringify(value), 0o644, { sync: options.sync ?? false });
}
