// Runs the benchmarks one after another, each in its own process, and
// ends with their PASS / MISS lines. `node build/test/bench/run-all.js
// [name...]` runs only the named ones. Exits 1 only if a benchmark errored.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './runner.js';

const all = ['pipeline', 'create-cost', 'image-lookup', 'memory', 'state', 'docker-run', 'concurrent'];
// Run only when named: ab needs BENCH_AGAINST (another build to compare with).
const known = [...all, 'ab'];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
const here = dirname(fileURLToPath(import.meta.url));

function runOne(name: string): Promise<{ status: number; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, `${name}.js`)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, HARDRUN_BENCH_MACHINE_SHOWN: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({
      status: code ?? (signal ? 1 : 0),
      lines: output.split('\n').filter(line => /^(PASS|MISS|SKIP|ERROR) /.test(line)),
    }));
  });
}

const unknown = chosen.filter(name => !known.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  process.exit(2);
}
console.log(machine());
const summary: string[] = [];
let failed = false;
for (const name of chosen) {
  const started = Date.now();
  const { status, lines } = await runOne(name);
  if (status !== 0) {
    failed = true;
    lines.push(`ERROR  ${name} exited ${status}`);
  }
  summary.push(...lines.map(line => `${line}   [${name}, ${((Date.now() - started) / 1000).toFixed(0)} s]`));
}
console.log(`\n=== summary\n${machine()}\n${summary.join('\n')}`);
process.exitCode = failed ? 1 : 0;
