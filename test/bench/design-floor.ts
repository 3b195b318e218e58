import { join, resolve } from 'node:path';
import { behindLauncher } from './ideas.js';

/**
 * The design's floor, for the benchmarks that time Docker: the shipped
 * launcher with, beside it as its engine, a Bun executable built as
 * bin/hardrun-engine is that only execs `backend` (exec-only-engine.ts).
 * It pays what every create through hardrun pays before any of hardrun's
 * own work: the launcher's `sh` and its environment scan, Bun's start, the
 * engine's first chunk and `node:fs`, the `dlopen` of libc and the
 * `execve`. Its other calls pay the launcher's `sh`, as a watched
 * container's do: the launcher sends them to runc by the root's `@default`
 * record, which hardrun's own rows write in the same daemon (Docker 20.10
 * gives every runtime the root `runtime-runc/moby`), and each benchmark
 * runs those rows in its warm-up rounds. Without that record they would
 * pay the engine too. Undefined when bun is not installed.
 */
export function designFloor(dir: string, backend: string): string | undefined {
  return behindLauncher(join(dir, 'design-floor'), resolve('test/bench/exec-only-engine.ts'),
    flags => [...flags.filter(flag => !flag.startsWith('--bytecode-order')), '--define', `BENCH_BACKEND=${JSON.stringify(backend)}`])?.launcher;
}
