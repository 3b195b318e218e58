import { mkdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { HardrunError, isErrno } from '../../errors.js';
import { writeFileAtomic } from '../../host/atomic-file.js';

/** A file's text, or undefined when it does not exist. */
export function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw new HardrunError('setup', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Replaces a configuration file atomically, keeping its mode (new files get `mode`). */
export function replaceFile(path: string, text: string, mode = 0o644): void {
  let keep = mode;
  try {
    keep = statSync(path).mode & 0o7777;
  } catch {
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  }
  writeFileAtomic(path, text, keep, { sync: true });
}

/** Keeps the file as it was before hardrun first touched it; a later run never overwrites that. */
export function keepBackup(path: string, text: string | undefined): string | undefined {
  const backup = `${path}.hardrun-backup`;
  if (text === undefined || readOptional(backup) !== undefined) return undefined;
  replaceFile(backup, text, statSync(path).mode & 0o7777);
  return backup;
}

export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw new HardrunError('setup', `cannot remove ${path}: ${(error as Error).message}`, { cause: error });
  }
}
