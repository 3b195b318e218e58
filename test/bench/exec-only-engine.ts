// The least an engine of this design can be: a Bun executable, built as
// bin/hardrun-engine is, that execs its backend with the caller's argv the
// way the engine does (src/backend/exec.ts) and does nothing else. Behind a
// copy of the launcher it is the design's own floor (test/bench/design-floor.ts):
// what hardrun would add if its JavaScript cost nothing. Compiled with
// --define BENCH_BACKEND='"<absolute path>"'; never shipped.
import { execBackend } from '../../src/backend/exec.js';

declare const BENCH_BACKEND: string;

await execBackend({ argv: [BENCH_BACKEND, ...process.argv.slice(2)], env: process.env, keepFds: [] });
