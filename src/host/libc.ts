import { HardrunError } from '../errors.js';

/**
 * libc through bun:ffi, opened once per process: the engine's execve, its
 * private mount namespace and the idmapped mounts of user-namespace staging
 * all need it. Syscalls newer than the oldest glibc hardrun supports
 * (open_tree, move_mount, mount_setattr) go through syscall(2), because a
 * missing symbol would make the whole dlopen fail.
 */
export type Libc = Awaited<ReturnType<typeof openLibc>>;

let loaded: Promise<Libc> | undefined;

export function loadLibc(): Promise<Libc> {
  if (process.versions.bun === undefined) {
    return Promise.reject(new HardrunError('exec', 'this needs the compiled engine (bin/hardrun-engine)'));
  }
  loaded ??= openLibc();
  return loaded;
}

async function openLibc() {
  const { dlopen, FFIType, ptr, read } = await import('bun:ffi');
  const libc = dlopen('libc.so.6', {
    execve: { args: [FFIType.ptr, FFIType.ptr, FFIType.ptr], returns: FFIType.i32 },
    fcntl: { args: [FFIType.i32, FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    signal: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.ptr },
    unshare: { args: [FFIType.i32], returns: FFIType.i32 },
    setns: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    mount: { args: [FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.u64, FFIType.ptr], returns: FFIType.i32 },
    umount2: { args: [FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
    syscall: { args: [FFIType.i64, FFIType.i64, FFIType.i64, FFIType.i64, FFIType.i64, FFIType.i64], returns: FFIType.i64 },
    clone: { args: [FFIType.ptr, FFIType.ptr, FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
    dlsym: { args: [FFIType.ptr, FFIType.ptr], returns: FFIType.ptr },
    kill: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    waitpid: { args: [FFIType.i32, FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
    strerror: { args: [FFIType.i32], returns: FFIType.cstring },
    __errno_location: { args: [], returns: FFIType.ptr },
  });
  const errno = (): number => read.i32(libc.symbols.__errno_location(), 0);
  const fail = (what: string): HardrunError => new HardrunError('exec', `cannot ${what}: ${String(libc.symbols.strerror(errno()))}`);
  return { libc, ptr, errno, fail, errnoName: (code: number): string => String(libc.symbols.strerror(code)) };
}

export function cString(text: string): Buffer {
  return Buffer.from(`${text}\0`);
}
