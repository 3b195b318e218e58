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
  return (await startBackend(handOver)).ended;
}

/**
 * The same, returning once the child is started: the caller may work while
 * it runs (src/runtime/watch-create.ts), then waits for `ended`.
 */
export async function startBackend(handOver: HandOver): Promise<{ readonly ended: Promise<number> }> {
  const file = handOver.argv[0];
  // Not execa: loading it costs a compiled engine about 8 ms, more than the
  // whole call; and signals go on as they are (no SIGKILL after a relayed
  // SIGTERM), which would orphan the container runc was minding.
  const bun = bunOf();
  const child = bun === undefined ? await nodeChild(handOver) : bunChild(bun, handOver);
  const relay = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of forwarded) process.on(signal, relay);
  const ended = child.ended.then(async ({ code, signal }) => {
    if (signal !== null) return 128 + (await import('node:os')).constants.signals[signal];
    return code ?? 1;
  }, (error: unknown) => {
    throw new HardrunError('exec', `cannot run backend ${file}: ${(error as Error).message}`, { cause: error });
  }).finally(() => {
    for (const signal of forwarded) process.off(signal, relay);
  });
  // Started or not: a backend that cannot be run fails `ended`.
  return { ended };
}

interface Child {
  kill: (signal: NodeJS.Signals) => void;
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface BunSpawn {
  spawn: (argv: readonly string[], options: { stdio: (string | number)[]; env: NodeJS.ProcessEnv }) => {
    kill: (signal: NodeJS.Signals) => void;
    readonly exited: Promise<number>;
    readonly signalCode: NodeJS.Signals | null;
  };
}

function bunOf(): BunSpawn | undefined {
  return (globalThis as { Bun?: BunSpawn }).Bun;
}

/**
 * Bun's own spawn: about 0.2 ms, where loading node:child_process and
 * spawning through it costs a compiled engine about 3.5 ms (docs/performance.md).
 * An inherited descriptor n >= 3 is given by number at slot n.
 */
function bunChild(bun: BunSpawn, handOver: HandOver): Child {
  const stdio: (string | number)[] = ['inherit', 'inherit', 'inherit', ...extraStdio(handOver.keepFds).map((slot, index) => (slot === 'inherit' ? index + 3 : 'ignore'))];
  try {
    const child = bun.spawn(handOver.argv, { stdio, env: handOver.env });
    return { kill: signal => { child.kill(signal); }, ended: child.exited.then(code => ({ code: child.signalCode === null ? code : null, signal: child.signalCode })) };
  } catch (error) {
    return { kill: () => undefined, ended: Promise.reject(error instanceof Error ? error : new Error(String(error))) };
  }
}

/** Under Node (the unit tests): node:child_process. */
async function nodeChild(handOver: HandOver): Promise<Child> {
  const { spawn } = await import('node:child_process');
  const [file, ...args] = handOver.argv;
  const stdio: ('inherit' | 'ignore')[] = ['inherit', 'inherit', 'inherit', ...extraStdio(handOver.keepFds)];
  const child = spawn(file, args, { stdio, env: handOver.env });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => { resolve({ code, signal }); });
  });
  return { kill: signal => { child.kill(signal); }, ended };
}

/** The child's fd n (n >= 3) is ours when asked for: the same numbers, gaps left closed. */
function extraStdio(fds: readonly number[]): ('inherit' | 'ignore')[] {
  const highest = Math.max(2, ...fds);
  const slots: ('inherit' | 'ignore')[] = [];
  for (let fd = 3; fd <= highest; fd += 1) slots.push(fds.includes(fd) ? 'inherit' : 'ignore');
  return slots;
}
