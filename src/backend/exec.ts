import { constants as osConstants } from 'node:os';
import { HardrunError } from '../errors.js';

/** What the backend is started with: argv[0] is the absolute path. */
export interface HandOver {
  readonly argv: readonly string[];
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
  if (process.versions.bun !== undefined) return execWithBunFfi(handOver);
  const nodeExecve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
  if (nodeExecve !== undefined) return nodeExecve(handOver.argv[0]!, [...handOver.argv], handOver.env);
  return runAndMirror(handOver);
}

async function execWithBunFfi(handOver: HandOver): Promise<never> {
  const { dlopen, FFIType, ptr, read } = await import('bun:ffi');
  const libc = dlopen('libc.so.6', {
    execve: { args: [FFIType.ptr, FFIType.ptr, FFIType.ptr], returns: FFIType.i32 },
    fcntl: { args: [FFIType.i32, FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    signal: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.ptr },
    strerror: { args: [FFIType.i32], returns: FFIType.cstring },
    __errno_location: { args: [], returns: FFIType.ptr },
  });
  for (const fd of handOver.keepFds) libc.symbols.fcntl(fd, F_SETFD, 0);
  // Bun ignores these two, and an ignored signal stays ignored across execve.
  libc.symbols.signal(SIGPIPE, null);
  libc.symbols.signal(SIGXFSZ, null);
  const strings = handOver.argv.map(cString);
  const environment = Object.entries(handOver.env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => cString(`${key}=${value}`));
  const argv = pointerArray(strings, ptr);
  const envp = pointerArray(environment, ptr);
  libc.symbols.execve(ptr(strings[0]!), ptr(argv), ptr(envp));
  const errno = read.i32(libc.symbols.__errno_location(), 0);
  throw new HardrunError('exec', `cannot run backend ${handOver.argv[0]}: ${String(libc.symbols.strerror(errno))}`);
}

function cString(text: string): Buffer {
  return Buffer.from(`${text}\0`);
}

function pointerArray(buffers: readonly Buffer[], ptr: (view: ArrayBufferView) => number): BigUint64Array {
  const array = new BigUint64Array(buffers.length + 1);
  buffers.forEach((buffer, index) => {
    array[index] = BigInt(ptr(buffer));
  });
  return array;
}

/**
 * Without execve (Node before 22.15, as under the unit tests): run the
 * backend as a child with the same stdio and mirror how it ended.
 */
async function runAndMirror(handOver: HandOver): Promise<never> {
  const { spawnSync } = await import('node:child_process');
  const [file, ...args] = handOver.argv;
  const result = spawnSync(file!, args, { stdio: 'inherit', env: handOver.env });
  if (result.error !== undefined) {
    throw new HardrunError('exec', `cannot run backend ${file}: ${result.error.message}`, { cause: result.error });
  }
  const signal = result.signal === null ? 0 : osConstants.signals[result.signal];
  process.exit(result.status ?? 128 + signal);
}
