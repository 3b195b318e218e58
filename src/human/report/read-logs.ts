import { createReadStream, readdirSync, statSync, type ReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { HardrunError } from '../../errors.js';
import { standardInputArg } from '../cli.js';

/** Audit records read from files, directories of them, and standard input. */
export interface ReadLogs {
  readonly lines: unknown[];
  /** Lines that were not JSON. */
  readonly skipped: number;
  readonly files: readonly string[];
}

/** A line longer than this is no record hardrun wrote: skipped, not parsed. */
const maxLineLength = 1 << 20;

/**
 * Reads every JSON line of the inputs: `-` is standard input, a directory
 * is every regular file in it (not below it: logs gathered from many hosts
 * sit side by side), anything else a file. Read line by line, so that a
 * fleet's logs need not fit in memory twice.
 */
export async function readAuditLogs(inputs: readonly string[]): Promise<ReadLogs> {
  const files = inputs.flatMap(expand);
  const lines: unknown[] = [];
  let skipped = 0;
  for (const file of files) {
    let stream: ReadStream | NodeJS.ReadableStream;
    try {
      stream = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        if (line.trim() === '') continue;
        if (line.length > maxLineLength) {
          skipped += 1;
          continue;
        }
        try {
          lines.push(JSON.parse(line));
        } catch {
          skipped += 1;
        }
      }
    } catch (error) {
      throw new HardrunError('report', `cannot read the audit log ${file}: ${(error as Error).message}`, { cause: error });
    }
  }
  return { lines, skipped, files };
}

function expand(input: string): string[] {
  if (input === '-' || input === standardInputArg) return ['-'];
  let isDirectory: boolean;
  try {
    isDirectory = statSync(input).isDirectory();
  } catch (error) {
    throw new HardrunError('report', `cannot read the audit log ${input}: ${(error as Error).message}`, { cause: error });
  }
  if (!isDirectory) return [input];
  return readdirSync(input).filter(name => !name.startsWith('.')).sort().map(name => `${input}/${name}`).filter(path => statSync(path).isFile());
}
