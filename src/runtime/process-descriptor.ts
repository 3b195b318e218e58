import { closeSync, constants, fstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { maxSpecBytes, nestsDeeperThan } from '../bundle/spec-file.js';
import { HardrunError } from '../errors.js';
import { randomHex } from '../host/digest.js';
import type { Flag, RuncArgv } from '../cli/argv.js';

const maxNesting = 100;

/**
 * The descriptor a `--process` path names when the caller passes the
 * document as an open file (bash's `<(...)` gives `/dev/fd/63`): the
 * caller's to pass, so it is read from the descriptor, not refused as a
 * symlink. Undefined for any other path.
 */
export function passedDescriptor(path: string, pid: number): number | undefined {
  const match = /^(?:\/dev\/fd|\/proc\/(?:self|thread-self|(\d+))\/fd)\/(\d+)$/.exec(path);
  if (match === null || (match[1] !== undefined && Number(match[1]) !== pid)) return undefined;
  const fd = Number(match[2]);
  return Number.isSafeInteger(fd) ? fd : undefined;
}

/** Reads a JSON document from a descriptor (a pipe or a file) to its end, under the same limits as a file. */
export function readJsonDescriptor(fd: number, path: string, what: string): unknown {
  let kind: string;
  try {
    const stat = fstatSync(fd);
    kind = stat.isFile() ? 'file' : stat.isFIFO() ? 'pipe' : stat.isSocket() ? 'socket' : 'other';
  } catch (error) {
    throw new HardrunError('spec-read', `cannot read ${what} ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (kind === 'other') throw new HardrunError('spec-read', `cannot read ${what} ${path}: it is neither a file nor a pipe`);
  const buffer = Buffer.alloc(64 * 1024);
  const chunks: Buffer[] = [];
  let length = 0;
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      throw new HardrunError('spec-read', `cannot read ${what} ${path}: ${(error as Error).message}`, { cause: error });
    }
    if (read === 0) break;
    length += read;
    if (length > maxSpecBytes) throw new HardrunError('spec-read', `cannot read ${what} ${path}: it is over the ${maxSpecBytes}-byte limit`);
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new HardrunError('spec-parse', `${what} ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (nestsDeeperThan(value, maxNesting)) throw new HardrunError('spec-parse', `${what} ${path} nests deeper than the limit of ${maxNesting}`);
  return value;
}

/**
 * A descriptor holding the document, on a file that no longer has a name:
 * the backend reads it as `/dev/fd/N`, and it vanishes with the last
 * process holding it (runc marks it close-on-exec for the container).
 */
export function descriptorHolding(value: unknown, dir: string): number {
  const path = join(dir, `.hardrun-process-${randomHex(8)}.json`);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    unlinkSync(path);
    writeSync(fd, JSON.stringify(value));
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/** The argv with the `--process` flag's value replaced, written in the caller's form. */
export function withProcessPath(argv: RuncArgv, path: string): RuncArgv {
  const rewrite = (flag: Flag): Flag => {
    if (flag.name !== 'process') return flag;
    const raw: Flag['raw'] = flag.raw.length === 2 ? [flag.raw[0], path] : [`${flag.raw[0].slice(0, flag.raw[0].indexOf('=') + 1)}${path}`];
    return { ...flag, value: path, raw };
  };
  return { ...argv, flags: argv.flags.map(rewrite) };
}
