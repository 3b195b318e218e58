// The image lookup an image rule costs a create, in-process: Docker's record
// found from the rootfs path, checked (every directory from / is root's and
// no symlink; the layer and the container match) and read. Measured under
// Node, and under the Bun the engine is compiled with (this file, run by
// node_modules/.bin/bun with --child). The first call of a process is what
// a create pays: the engine makes only that one, with cold code. The
// create-cost benchmark has the same A/B across whole processes, where the
// noise (about a millisecond) is larger than the lookup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { hostFacts } from '../../src/host/facts.js';
import { imageOf } from '../../src/policy/image.js';
import { makeDockerRecord } from './bundle.js';
import { envInt, inNodeAndBun, printTable, stats, verdict } from './runner.js';

interface Run {
  runtime: string;
  first: number;
  samples: number[];
}

function measure(): Run {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-bench-image-'));
  try {
    const { id, rootPath } = makeDockerRecord(dir);
    const once = () => {
      const subject = { id, spec: { root: { path: rootPath } }, caller: 'moby', host: hostFacts };
      const start = performance.now();
      const identity = imageOf(subject);
      const ms = performance.now() - start;
      if (!identity.known) throw new Error(`the lookup failed: ${identity.reason}`);
      return ms;
    };
    const first = once();
    const samples: number[] = [];
    for (let i = 0; i < envInt('BENCH_ITERATIONS', 2000); i++) samples.push(once());
    const runtime = process.versions.bun === undefined ? `node ${process.version}` : `bun ${process.versions.bun}`;
    return { runtime, first, samples };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

inNodeAndBun(import.meta.url, 'image-lookup: an image rule\'s lookup of Docker\'s record, in-process', measure, runs => {
  const rows = runs.flatMap(run => [
    stats(`${run.runtime}, warm (each call after the first)`, run.samples),
    stats(`${run.runtime}, first call of the process (what a create pays)`, [run.first]),
  ]);
  printTable('imageOf with the host\'s readDockerRecord, a 3 kB record', rows, { digits: 3 });
  // The engine is the Bun build: its first call is what a create pays (Node's is shown for comparison).
  const engine = runs.find(run => run.runtime.startsWith('bun')) ?? runs[0]!;
  verdict(`image lookup, first call of the process (${engine.runtime})`, engine.first, '<=', 2, ' ms');
});
