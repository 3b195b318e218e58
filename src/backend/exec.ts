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
  /**
   * Bind mounts to make, just before the backend starts, in a mount
   * namespace of its own (see src/bundle/staging.ts): they exist for the
   * backend and the container it creates, and vanish with them, so no mount
   * is ever left on the host, even when hardrun or the backend is killed.
   */
  readonly binds?: readonly BindMount[];
}

export interface BindMount {
  readonly source: string;
  readonly target: string;
}

const F_SETFD = 2;
const SIGPIPE = 13;
const SIGXFSZ = 25;
const CLONE_NEWNS = 0x20000;
const MS_BIND = 0x1000;
const MS_REC = 0x4000;
const MS_SLAVE = 0x80000;
const MNT_DETACH = 2;

/**
 * Replaces this process with the backend (execve), so the caller's pid,
 * signals, Pdeathsig, stdio and LISTEN_PID all belong to the backend, as if
 * the caller had run it directly. Returns only by throwing.
 */
export async function execBackend(handOver: HandOver): Promise<never> {
  if (process.versions.bun === undefined) return runAndMirror(handOver);
  const { libc, ptr, fail } = await loadLibc();
  const mounted = await makeBindMounts(handOver.binds ?? []);
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
  const error = fail(`run backend ${handOver.argv[0]}`);
  await undoBindMounts(mounted);
  throw error;
}

/**
 * Moves this process into a private mount namespace (a slave of the host's,
 * so it still sees mounts the host makes later) and makes the binds there.
 * unshare(CLONE_NEWNS) moves only the calling thread; both execve and the
 * children Bun spawns from it carry that namespace. Returns what to undo.
 */
export async function makeBindMounts(binds: readonly BindMount[]): Promise<readonly string[]> {
  if (binds.length === 0) return [];
  if (process.versions.bun === undefined) {
    throw new HardrunError('exec', 'staging mounts need the compiled engine (bin/hardrun-engine)');
  }
  const { libc, ptr, fail } = await loadLibc();
  if (libc.symbols.unshare(CLONE_NEWNS) !== 0) throw fail('enter a private mount namespace');
  if (libc.symbols.mount(null, ptr(cString('/')), null, BigInt(MS_REC | MS_SLAVE), null) !== 0) throw fail('make / a slave mount');
  const mounted: string[] = [];
  for (const bind of binds) {
    if (libc.symbols.mount(ptr(cString(bind.source)), ptr(cString(bind.target)), null, BigInt(MS_BIND | MS_REC), null) !== 0) {
      const error = fail(`bind ${bind.source} on ${bind.target}`);
      await undoBindMounts(mounted);
      throw error;
    }
    mounted.push(bind.target);
  }
  return mounted;
}

/** Detaches binds made by makeBindMounts, so their (empty) targets can be removed. */
export async function undoBindMounts(targets: readonly string[]): Promise<void> {
  if (targets.length === 0) return;
  const { libc, ptr } = await loadLibc();
  for (const target of [...targets].reverse()) libc.symbols.umount2(ptr(cString(target)), MNT_DETACH);
}

let libcLoaded: ReturnType<typeof openLibc> | undefined;

/** libc through bun:ffi, opened once per process (execBackend and makeBindMounts both need it). */
function loadLibc(): ReturnType<typeof openLibc> {
  libcLoaded ??= openLibc();
  return libcLoaded;
}

async function openLibc() {
  const { dlopen, FFIType, ptr, read } = await import('bun:ffi');
  const libc = dlopen('libc.so.6', {
    execve: { args: [FFIType.ptr, FFIType.ptr, FFIType.ptr], returns: FFIType.i32 },
    fcntl: { args: [FFIType.i32, FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    signal: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.ptr },
    unshare: { args: [FFIType.i32], returns: FFIType.i32 },
    mount: { args: [FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.u64, FFIType.ptr], returns: FFIType.i32 },
    umount2: { args: [FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
    strerror: { args: [FFIType.i32], returns: FFIType.cstring },
    __errno_location: { args: [], returns: FFIType.ptr },
  });
  const fail = (what: string): HardrunError => {
    const errno = read.i32(libc.symbols.__errno_location(), 0);
    return new HardrunError('exec', `cannot ${what}: ${String(libc.symbols.strerror(errno))}`);
  };
  return { libc, ptr, fail };
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
 * Without Bun (Node, as under the unit tests): use Node's execve where it
 * exists (22.15 and later), else run the backend as a child with the same
 * stdio and mirror how it ended.
 */
async function runAndMirror(handOver: HandOver): Promise<never> {
  await makeBindMounts(handOver.binds ?? []);
  const nodeExecve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
  if (nodeExecve !== undefined) return nodeExecve(handOver.argv[0]!, [...handOver.argv], handOver.env);
  const { spawnSync } = await import('node:child_process');
  const [file, ...args] = handOver.argv;
  const result = spawnSync(file!, args, { stdio: 'inherit', env: handOver.env });
  if (result.error !== undefined) {
    throw new HardrunError('exec', `cannot run backend ${file}: ${result.error.message}`, { cause: result.error });
  }
  // node:os is loaded only here: in the engine it costs about 0.4 ms a call.
  const signal = result.signal === null ? 0 : (await import('node:os')).constants.signals[result.signal];
  process.exit(result.status ?? 128 + signal);
}
