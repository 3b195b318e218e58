// Alternatives the benchmarks measure beside the shipped pair when
// BENCH_IDEAS=1, to put numbers on ideas before anyone changes src/. Built in
// the benchmark's temporary directory; nothing here touches bin/.
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launcherPath } from '../helpers/shipped.js';
import { must } from './runner.js';

export const ideasOn = process.env['BENCH_IDEAS'] === '1';

const bun = resolve('node_modules/.bin/bun');

/** Compiles `entry` with build:engine's flags, plus `extra`; undefined when bun is not installed. */
export function compileLikeEngine(entry: string, outfile: string, extra: string[] = []): string | undefined {
  if (!existsSync(bun)) return undefined;
  must(bun, ['build', entry, '--compile', '--minify', '--no-compile-autoload-dotenv', '--no-compile-autoload-bunfig', ...extra, '--outfile', outfile]);
  return outfile;
}

/**
 * The idea with the largest effect measured: the engine compiled with
 * `--bytecode --format=esm`, so that Bun loads precompiled bytecode instead
 * of parsing the bundle at every start (without --format=esm, Bun 1.4 emits
 * CommonJS bytecode, which a dependency's import.meta breaks). Returns a
 * launcher (a copy of bin/hardrun) with that engine beside it.
 */
export function bytecodePair(dir: string): { launcher: string; engine: string } | undefined {
  const home = join(dir, 'bytecode');
  mkdirSync(home, { recursive: true });
  const engine = compileLikeEngine(resolve('src/main.ts'), join(home, 'hardrun-engine'), ['--bytecode', '--format=esm']);
  if (engine === undefined) return undefined;
  const launcher = join(home, 'hardrun');
  copyFileSync(launcherPath, launcher);
  chmodSync(launcher, 0o755);
  return { launcher, engine };
}
