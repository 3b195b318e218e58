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
  const { spawn } = await import('node:child_process');
  const [file, ...args] = handOver.argv;
  const stdio: ('inherit' | 'ignore')[] = ['inherit', 'inherit', 'inherit', ...extraStdio(handOver.keepFds)];
  // node:child_process, not execa: loading execa costs a compiled engine about
  // 8 ms, more than the whole call; and signals go on as they are (no SIGKILL
  // after a relayed SIGTERM), which would orphan the container runc was minding.
  const child = spawn(file, args, { stdio, env: handOver.env });
  const relay = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of forwarded) process.on(signal, relay);
  try {
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => { resolve({ code, signal }); });
    });
    if (ended.signal !== null) return 128 + (await import('node:os')).constants.signals[ended.signal];
    return ended.code ?? 1;
  } catch (error) {
    throw new HardrunError('exec', `cannot run backend ${file}: ${(error as Error).message}`, { cause: error });
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
