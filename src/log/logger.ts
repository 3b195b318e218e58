import { closeSync, constants, openSync, writeSync } from 'node:fs';

/** Where a call's errors go: the caller's `--log` file, in its `--log-format`. */
export interface LogTarget {
  readonly path: string | undefined;
  readonly format: string | undefined;
}

/**
 * Reports a failure as runc (logrus) does. With `--log`, the message alone
 * on stderr and one line in the log file that containerd's shim reads back
 * (the last `error` line becomes the text `docker run` shows), written
 * whole by one write(2) so that nothing is lost when the process exits
 * right after. Without `--log`, runc's logger writes to stderr itself: the
 * line, in the `--log-format` asked for, and nothing else. One line, so no
 * logging library: pino cost a compiled engine about 6 ms to load and
 * write it.
 */
export function logError(target: LogTarget, message: string, now: Date = new Date()): void {
  const line = logLine(target, 'error', message, now);
  if (target.path === undefined || target.path === '') {
    writeStderr(line);
    return;
  }
  // Each way out is tried on its own: containerd's runc shim gives a
  // sandbox's create /dev/null opened read-only as stderr (a write fails
  // with EBADF), and reads the sentence from the log file alone.
  writeStderr(`${message}\n`);
  try {
    appendLine(target.path, line);
  } catch {
    // The message went to stderr; a broken log file must not hide it.
  }
}

/** The sentence alone on stderr: the error of a command for people. */
export function printError(message: string): void {
  writeStderr(`${message}\n`);
}

/** A write to stderr that cannot fail the call: a closed or read-only fd 2 loses only this copy. */
function writeStderr(text: string): void {
  try {
    writeSync(2, text);
  } catch {
    // Nothing else to tell it to.
  }
}

/** logrus's time: RFC 3339 in whole seconds. */
function timeOf(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z');
}

type Level = 'error' | 'warning';

/** One line in the `--log-format` asked for. */
function logLine(target: LogTarget, level: Level, message: string, now: Date): string {
  return target.format === 'json' ? jsonLine(level, message, now) : textLine(level, message, now);
}

/** `{"level":"error","msg":"...","time":"..."}`: logrus's JSON form and key order, with the string level containerd decodes. */
function jsonLine(level: Level, message: string, now: Date): string {
  return `${JSON.stringify({ level, msg: message, time: timeOf(now) })}\n`;
}

/** logrus's text form: a message of plain characters unquoted, any other quoted. */
function textLine(level: Level, message: string, now: Date): string {
  const msg = /^[A-Za-z0-9._/@^+-]+$/.test(message) ? message : JSON.stringify(message);
  return `time="${timeOf(now)}" level=${level} msg=${msg}\n`;
}

function appendLine(path: string, line: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
  try {
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

/**
 * A warning for the call's `--log` file alone, as runc's logger writes one:
 * for a call that goes on (the container runs), whose stderr may be the
 * container's own and must not carry hardrun's words. Without `--log` there
 * is nowhere to put it.
 */
export function logWarning(target: LogTarget, message: string, now: Date = new Date()): void {
  if (target.path === undefined || target.path === '') return;
  try {
    appendLine(target.path, logLine(target, 'warning', message, now));
  } catch {
    // A broken log file must not fail a call that succeeded.
  }
}
