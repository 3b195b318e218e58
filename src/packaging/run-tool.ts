import { execFileSync } from 'node:child_process';

/**
 * The one environment every tool of the build runs in: the build's output
 * must not depend on the builder's locale (yargs translates its help by
 * LANG), timezone or umask-sensitive shell settings.
 */
export const buildEnv = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C.UTF-8', TZ: 'UTC' };

/** Runs a tool to completion and returns its stdout; a failure throws with its stderr. */
export function runTool(file: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): string {
  return execFileSync(file, args, { cwd: options.cwd, env: options.env ?? buildEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}
