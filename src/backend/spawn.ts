import { HardrunError } from '../errors.js';
import type { HandOver } from './exec.js';

/** Every signal a foreground caller may send that can be caught and passed on. */
const forwarded: readonly NodeJS.Signals[] = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGCONT', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU',
  'SIGALRM', 'SIGPIPE', 'SIGURG', 'SIGVTALRM', 'SIGPROF', 'SIGIO', 'SIGPWR', 'SIGSYS', 'SIGXCPU', 'SIGXFSZ',
];

/**
 * Runs the backend as a child, for the calls after which hardrun still has
 * work to do (removing a record after `delete`, or after a foreground `run`).
 * stdio and the listed descriptors are shared, every catchable signal is
 * passed on, and the result is the child's exit status, 128+signal if it
 * was killed, as a shell reports it.
 */
export async function runBackend(handOver: HandOver): Promise<number> {
  const { execa } = await import('execa');
  const [file, ...args] = handOver.argv;
  const stdio = ['inherit', 'inherit', 'inherit', ...extraStdio(handOver.keepFds)] as const;
  // Signals go on as they are: no SIGKILL after a relayed SIGTERM (execa's
  // default, 5 s later), which would orphan the container runc was minding.
  const child = execa(file, args, { stdio: [...stdio], env: handOver.env, extendEnv: false, reject: false, stripFinalNewline: false, forceKillAfterDelay: false });
  const relay = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of forwarded) process.on(signal, relay);
  try {
    const result = await child;
    if (result.failed && result.exitCode === undefined && result.signal === undefined) {
      throw new HardrunError('exec', `cannot run backend ${file}: ${result.shortMessage}`, { cause: result });
    }
    if (result.signal !== undefined) return 128 + (await import('node:os')).constants.signals[result.signal];
    return result.exitCode ?? 1;
  } finally {
    for (const signal of forwarded) process.off(signal, relay);
  }
}

/** The child's fd n (n >= 3) is ours when asked for: the same numbers, gaps left closed. */
function extraStdio(fds: readonly number[]): ('inherit' | 'ignore')[] {
  const highest = Math.max(2, ...fds);
  const slots: ('inherit' | 'ignore')[] = [];
  for (let fd = 3; fd <= highest; fd += 1) slots.push(fds.includes(fd) ? 'inherit' : 'ignore');
  return slots;
}
