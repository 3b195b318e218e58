// The hardening pipeline, in-process, on the
// config.json Docker generates for `docker run --rm busybox true`, with the
// built-in policy's settings. Measured under Node, and under the Bun the
// engine is compiled with (this same file, run by node_modules/.bin/bun with
// --child). The first call of a process is shown apart: the engine makes only
// that one, so it is what a create pays (cold code, nothing compiled yet).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { hardenSpec } from '../../src/harden/pipeline.js';
import { builtinPolicy } from '../../src/policy/builtin.js';
import type { Spec } from '../../src/spec/types.js';
import { dockerConfigPath } from './bundle.js';
import { envInt, inNodeAndBun, printTable, stats, verdict } from './runner.js';

interface Run {
  runtime: string;
  first: number;
  samples: number[];
  findings: number;
}

function measure(): Run {
  const text = readFileSync(dockerConfigPath, 'utf8');
  const context = { backend: 'runc', arch: process.arch } as const;
  const once = () => {
    const spec = JSON.parse(text) as Spec; // a fresh document each time, parsed outside the clock
    const start = performance.now();
    const result = hardenSpec(spec, builtinPolicy.hardening, context);
    return { ms: performance.now() - start, findings: result.findings.length };
  };
  const first = once();
  const samples: number[] = [];
  for (let i = 0; i < envInt('BENCH_ITERATIONS', 2000); i++) samples.push(once().ms);
  const runtime = process.versions.bun === undefined ? `node ${process.version}` : `bun ${process.versions.bun}`;
  return { runtime, first: first.ms, samples, findings: first.findings };
}

inNodeAndBun(import.meta.url, 'pipeline: hardenSpec in-process on Docker\'s config.json', measure, runs => {
  const rows = runs.flatMap(run => [
    stats(`${run.runtime}, warm (each call after the first)`, run.samples),
    stats(`${run.runtime}, first call of the process`, [run.first]),
  ]);
  printTable(`hardenSpec, built-in policy (${runs[0]!.findings} findings per call)`, rows, { digits: 3 });
  if (runs.some(run => run.findings === 0)) throw new Error('the pipeline changed nothing: is the fixture still a Docker config?');
  const worst = Math.max(...runs.map(run => stats('', run.samples).median));
  verdict('pipeline median, warm (the slower runtime)', worst, '<', 1, ' ms');
});
