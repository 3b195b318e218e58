import { HardrunError } from '../errors.js';
import { cString, loadLibc } from '../host/libc.js';

/** What the backend is started with: argv[0] is the absolute path. */
export interface HandOver {
  readonly argv: readonly [string, ...string[]];
  readonly env: NodeJS.ProcessEnv;
  /**
   * Inherited descriptors (3 and up) that must reach the backend. Bun marks
   * every inherited descriptor close-on-exec at start-up, so these are
   * cleared again before the exec.
   */
  readonly keepFds: readonly number[];
}

const F_SETFD = 2;
const SIGPIPE = 13;
const SIGXFSZ = 25;

/**
 * Replaces this process with the backend (execve), so the caller's pid,
 * signals, Pdeathsig, stdio and LISTEN_PID all belong to the backend, as if
 * the caller had run it directly. Returns only by throwing.
 */
export async function execBackend(handOver: HandOver): Promise<never> {
  if (process.versions.bun === undefined) return runAndMirror(handOver);
  const { libc, ptr, fail } = await loadLibc();
  for (const fd of handOver.keepFds) libc.symbols.fcntl(fd, F_SETFD, 0);
  // Bun ignores these two, and an ignored signal stays ignored across execve.
  libc.symbols.signal(SIGPIPE, null);
  libc.symbols.signal(SIGXFSZ, null);
  const path = cString(handOver.argv[0]);
  const strings = [path, ...handOver.argv.slice(1).map(cString)];
  const environment = Object.entries(handOver.env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => cString(`${key}=${value}`));
  const argv = pointerArray(strings, ptr);
  const envp = pointerArray(environment, ptr);
  libc.symbols.execve(ptr(path), ptr(argv), ptr(envp));
  throw fail(`run backend ${handOver.argv[0]}`);
}

function pointerArray(buffers: readonly Buffer[], ptr: (view: ArrayBufferView) => number): BigUint64Array {
  const array = new BigUint64Array(buffers.length + 1);
  buffers.forEach((buffer, index) => {
    array[index] = BigInt(ptr(buffer));
  });
  return array;
}

/**
 * Without Bun (Node, as under the unit tests): use Node's execve where it
 * exists (22.15 and later), else run the backend as a child with the same
 * stdio and mirror how it ended.
 */
async function runAndMirror(handOver: HandOver): Promise<never> {
  const nodeExecve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
  if (nodeExecve !== undefined) return nodeExecve(handOver.argv[0], [...handOver.argv], handOver.env);
  const { spawnSync } = await import('node:child_process');
  const [file, ...args] = handOver.argv;
  const result = spawnSync(file, args, { stdio: 'inherit', env: handOver.env });
  if (result.error !== undefined) {
    throw new HardrunError('exec', `cannot run backend ${file}: ${result.error.message}`, { cause: result.error });
  }
  // node:os is loaded only here: in the engine it costs about 0.4 ms a call.
  const signal = result.signal === null ? 0 : (await import('node:os')).constants.signals[result.signal];
  process.exit(result.status ?? 128 + signal);
}
