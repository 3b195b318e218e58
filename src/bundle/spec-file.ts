import { closeSync, constants, fstatSync, linkSync, openSync, readSync, renameSync, unlinkSync } from 'node:fs';
import { randomHex } from '../host/digest.js';
import { HardrunError, isErrno } from '../errors.js';
import { writeFileAtomic } from '../host/atomic-file.js';

/** Docker's config.json is ~10 KiB; anything this large is hostile or broken. */
export const maxSpecBytes = 8 * 1024 * 1024;

/** A JSON file as read: its parsed value, not yet shape-checked, and its text. */
export interface JsonFile {
  readonly value: unknown;
  readonly text: string;
}

/**
 * Reads a JSON document from a regular file, refusing a symlink in its last
 * component and anything larger than `maxSpecBytes`. Returns the parsed
 * value and the text (kept for the backup).
 */
export function readJsonFile(path: string, what: string): JsonFile {
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
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (nestingDepth(text) > maxNesting) throw tooDeep(what, path, text);
      throw new HardrunError('spec-parse', `${what} ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    if (nestsDeeperThan(value, maxNesting)) throw tooDeep(what, path, text);
    return { value, text };
  } finally {
    closeSync(fd);
  }
}

/** No OCI document comes near this; a deeper one is built to exhaust a parser's stack. */
const maxNesting = 100;

function tooDeep(what: string, path: string, text: string): HardrunError {
  return new HardrunError('spec-parse', `${what} ${path} nests ${nestingDepth(text)} levels deep, over the limit of ${maxNesting}`);
}

/**
 * Whether a parsed document nests arrays and objects deeper than `limit`,
 * walked without recursion. Bun's and Node's JSON.parse take any depth
 * without exhausting the stack (a parse error still gets the text scanned,
 * for the message). Walking the parsed document visits only the hundred or
 * so arrays and objects of a real config.json, where scanning the text
 * visits every character: about 1.5 ms of a create in the engine.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

/** The deepest nesting of arrays and objects in a JSON text (strings skipped), in one pass: for the message. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92) index += 1; // backslash: skip the escaped character
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 123 || code === 91) deepest = Math.max(deepest, ++depth);
    else if (code === 125 || code === 93) depth -= 1;
  }
  return deepest;
}

/**
 * Replaces a JSON file atomically. With `keepOriginalAs`, the file being
 * replaced is first kept under that name (a hard link renamed into place, so
 * no copy, and an older original is replaced whole).
 */
export function replaceJsonFile(path: string, value: unknown, options: { keepOriginalAs?: string; sync?: boolean } = {}): void {
  if (options.keepOriginalAs !== undefined) {
    const link = `${options.keepOriginalAs}.${randomHex(6)}.tmp`;
    try {
      linkSync(path, link);
      renameSync(link, options.keepOriginalAs);
    } catch (error) {
      try { unlinkSync(link); } catch { /* never made, or renamed */ }
      throw new HardrunError('write', `cannot keep the original ${path}: ${(error as Error).message}`, { cause: error });
    }
  }
  writeFileAtomic(path, JSON.stringify(value), 0o644, { sync: options.sync ?? false });
}
