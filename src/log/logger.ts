import { closeSync, constants, openSync, writeSync } from 'node:fs';

/** Where a call's errors go: the caller's `--log` file, in its `--log-format`. */
export interface LogTarget {
  readonly path: string | undefined;
  readonly format: string | undefined;
}

/**
 * Reports a failure as runc does: the message on stderr, and one line in the
 * `--log` file that containerd's shim reads back (the last `error` line
 * becomes the text `docker run` shows), written whole by one write(2) so
 * that nothing is lost when the process exits right after. One line, so no
 * logging library: pino cost a compiled engine about 6 ms to load and
 * write it.
 */
export function logError(target: LogTarget, message: string): void {
  writeSync(2, `${message}\n`);
  if (target.path === undefined || target.path === '') return;
  try {
    if (target.format === 'json') appendJsonLine(target.path, message);
    else appendTextLine(target.path, message);
  } catch {
    // The message is on stderr already; a broken log file must not hide it.
  }
}

/** `{"level":"error","time":"...","msg":"..."}`: logrus's JSON form, with the string level containerd decodes. */
function appendJsonLine(path: string, message: string): void {
  appendLine(path, `${JSON.stringify({ level: 'error', time: new Date().toISOString(), msg: message })}\n`);
}

function appendTextLine(path: string, message: string): void {
  appendLine(path, `time="${new Date().toISOString()}" level=error msg=${JSON.stringify(message)}\n`);
}

function appendLine(path: string, line: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
  try {
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}
