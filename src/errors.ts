/**
 * The one error class that reaches users. `code` is stable (scripts and tests
 * match on it); `message` is one sentence naming the setting and the rule.
 */
export class HardrunError extends Error {
  readonly code: string;
  /** The exit status the entry point uses; runc exits 1 on any failure. */
  readonly exitCode: number;

  constructor(code: string, message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HardrunError';
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** The one line a user sees: containerd shows the log's last error line, so no newlines. */
export function describeError(error: unknown): string {
  const text = error instanceof HardrunError ? error.message
    : `hardrun internal error: ${error instanceof Error ? error.message : String(error)}`;
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Whether `error` is a system error with this code (ENOENT, EEXIST, ...). */
export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
