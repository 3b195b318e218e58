import { closeSync, constants, openSync, writeSync } from 'node:fs';

/** Where a call's errors go: the caller's `--log` file, in its `--log-format`. */
export interface LogTarget {
  readonly path: string | undefined;
  readonly format: string | undefined;
}

/**
 * Reports a failure as runc does: the message on stderr, and one line in the
 * `--log` file that containerd's shim reads back (the last `error` line
 * becomes the text `docker run` shows). pino is loaded only here, when
 * something went wrong, and writes synchronously so that nothing is lost
 * when the process exits right after.
 */
export async function logError(target: LogTarget, message: string): Promise<void> {
  writeSync(2, `${message}\n`);
  if (target.path === undefined || target.path === '') return;
  try {
    if (target.format === 'json') await appendJsonLine(target.path, message);
    else appendTextLine(target.path, message);
  } catch {
    // The message is on stderr already; a broken log file must not hide it.
  }
}

async function appendJsonLine(path: string, message: string): Promise<void> {
  const { pino } = await import('pino');
  const destination = pino.destination({ dest: path, sync: true, append: true, mkdir: false });
  const logger = pino(
    {
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      // containerd decodes `level` into a Go string: pino's numbers break it.
      formatters: { level: label => ({ level: label }) },
    },
    destination,
  );
  logger.error(message);
  destination.flushSync();
  destination.end();
}

function appendTextLine(path: string, message: string): void {
  const line = `time="${new Date().toISOString()}" level=error msg=${JSON.stringify(message)}\n`;
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
  try {
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}
