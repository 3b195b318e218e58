// The shared part of the benchmarks in test/bench/. Not an ava test:
// each benchmark is a script, run as `node build/test/bench/<name>.js`.
//
// Method: every variant of a comparison is sampled once per round, the
// variants' order rotating from round to round (A B, B A, A B ...), after a
// warm-up whose samples are dropped. So drift and noise on this 2-core
// machine land on both sides alike. The figure compared with a target is the
// ratio of the medians.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { enginePath } from '../helpers/shipped.js';

export interface Variant {
  readonly name: string;
  /** One sample: what is timed. */
  run(): unknown;
  /** Untimed set-up before each sample, and clean-up after it. */
  before?(): unknown;
  after?(): unknown;
}

export interface Stats {
  readonly name: string;
  readonly samples: readonly number[];
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** An integer of at least `min` from the environment, else the default. */
export function envInt(name: string, fallback: number, min = 1): number {
  const text = process.env[name];
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isSafeInteger(value) && value >= min ? value : fallback;
}

/** Rounds of the comparison: BENCH_PAIRS overrides each benchmark's default (at least 10). */
export function pairs(fallback = 10): number {
  return envInt('BENCH_PAIRS', fallback);
}

/** Samples every variant once per round, in rotating order, after `warmup` untimed rounds. */
export async function compare(variants: readonly Variant[], options: { rounds?: number; warmup?: number } = {}): Promise<Stats[]> {
  const rounds = options.rounds ?? pairs();
  const warmup = options.warmup ?? envInt('BENCH_WARMUP', 2, 0);
  const samples = variants.map(() => [] as number[]);
  for (let round = -warmup; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const index = (k + Math.max(round, 0)) % variants.length;
      const variant = variants[index]!;
      await variant.before?.();
      const start = performance.now();
      try {
        await variant.run();
      } catch (error) {
        try {
          await variant.after?.();
        } catch {
          // the run's error is the one to report
        }
        throw new Error(`${variant.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const elapsed = performance.now() - start;
      await variant.after?.();
      if (round >= 0) samples[index]!.push(elapsed);
    }
  }
  return variants.map((variant, index) => stats(variant.name, samples[index]!));
}

export function stats(name: string, samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { name, samples, min: sorted[0] ?? NaN, median: median(sorted), max: sorted.at(-1) ?? NaN };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Prints min / median / max of each row, and each row's ratio of medians against `baseline`. */
export function printTable(title: string, rows: readonly Stats[], options: { baseline?: string; unit?: string; digits?: number } = {}): void {
  const unit = options.unit ?? 'ms';
  const digits = options.digits ?? 1;
  const base = rows.find(row => row.name === options.baseline);
  const header = ['', 'n', `min ${unit}`, `median ${unit}`, `max ${unit}`, ...(base ? [`ratio vs ${base.name}`] : [])];
  const lines = rows.map(row => [
    row.name,
    String(row.samples.length),
    row.min.toFixed(digits),
    row.median.toFixed(digits),
    row.max.toFixed(digits),
    ...(base ? [(row.median / base.median).toFixed(3)] : []),
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map(line => line[i]!.length)));
  const format = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(format(header));
  for (const line of lines) console.log(format(line));
}

/** The line run-all collects: PASS or MISS against the target. Never fails the process. */
export function verdict(label: string, value: number, op: '<=' | '<', target: number, unit = ''): boolean {
  const pass = op === '<=' ? value <= target : value < target;
  const digits = unit === '' || Math.abs(value) < 10 ? 3 : 2;
  const by = pass ? '' : ` (over by ${(value - target).toFixed(digits)}${unit})`;
  console.log(`${pass ? 'PASS' : 'MISS'}  ${label}: ${value.toFixed(digits)}${unit} ${op} ${target}${unit}${by}`);
  return pass;
}

/** nproc, CPU, kernel, Node, and the Bun that the engine was compiled with. */
export function machine(): string {
  const cpu = /^model name\s*:\s*(.*)$/m.exec(readText('/proc/cpuinfo'))?.[1] ?? 'unknown CPU';
  // A Bun executable answers as bun itself under BUN_BE_BUN (the launcher clears it; here we call the engine directly).
  const version = spawnSync(enginePath, ['--version'], { env: { ...process.env, BUN_BE_BUN: '1' }, encoding: 'utf8' });
  const bun = (version.error === undefined ? version.stdout.trim() : '') || 'unknown';
  const load = loadavg().map(value => value.toFixed(2)).join(' ');
  return `machine: nproc ${availableParallelism()}, ${cpu}, kernel ${release()}, node ${process.version}, engine bun ${bun}, load ${load}`;
}

/** Runs a benchmark: prints the machine (unless run-all already did), then the body; exit 1 only on an error. */
export function bench(name: string, body: () => unknown): void {
  console.log(`\n=== ${name}`);
  if (process.env['HARDRUN_BENCH_MACHINE_SHOWN'] !== '1') console.log(machine());
  else console.log(`load ${loadavg().map(value => value.toFixed(2)).join(' ')}`);
  Promise.resolve().then(body).then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      console.error(`ERROR  ${name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}

/** Runs a command to completion and throws, with its stderr, when it fails. stdout is returned. */
export function must(file: string, args: readonly string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited ${result.status ?? result.signal}: ${String(result.stderr).trim()}`);
  }
  return String(result.stdout);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * An in-process benchmark measured under Node and under the Bun the engine
 * is compiled with: run as `--child` (by node_modules/.bin/bun), the file
 * only prints its measurement; run by Node, it measures, runs itself under
 * Bun when that is installed, and hands `report` both runs.
 */
export function inNodeAndBun<R>(moduleUrl: string, name: string, measure: () => R, report: (runs: R[]) => void): void {
  if (process.argv.includes('--child')) {
    process.stdout.write(JSON.stringify(measure()));
    return;
  }
  bench(name, () => {
    const runs = [measure()];
    const bun = resolve('node_modules/.bin/bun');
    if (existsSync(bun)) {
      const child = spawnSync(bun, [fileURLToPath(moduleUrl), '--child'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (child.status !== 0) throw new Error(`the Bun run exited ${child.status ?? child.signal}`);
      runs.push(JSON.parse(child.stdout) as R);
    }
    report(runs);
  });
}

/**
 * Drops one file's clean pages from the page cache (`sync`, then `dd
 * iflag=nocache`): an executable the build just wrote maps differently from
 * one read back from disk, so builds compared side by side start alike.
 */
export function dropFromPageCache(file: string): void {
  must('sync', [file]);
  must('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
}
