// Alternatives the benchmarks measure beside the shipped pair when
// BENCH_IDEAS=1, to put numbers on ideas before anyone changes src/ or the
// build. Built in the benchmark's temporary directory; nothing here touches
// bin/. The ideas measured so far, shipped or not, are in docs/performance.md.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launcherPath } from '../helpers/shipped.js';
import { must } from './runner.js';

export const ideasOn = process.env['BENCH_IDEAS'] === '1';

const bun = resolve('node_modules/.bin/bun');

/**
 * The flags bin/hardrun-engine is built with: package.json's build:engine,
 * without its entry point, its --define of the version strings (shell
 * expressions, which only name the build) and --outfile.
 */
export function engineFlags(): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const flags = (scripts['build:engine'] ?? '').split(' --define ')[0]!;
  return flags.split(/\s+/).filter(word => word.startsWith('--') && !word.startsWith('--outfile'));
}

/** Compiles `entry` with build:engine's flags, as `change` alters them; undefined when bun is not installed. */
export function compileLikeEngine(entry: string, outfile: string, change: (flags: string[]) => string[] = flags => flags): string | undefined {
  if (!existsSync(bun)) return undefined;
  must(bun, ['build', entry, ...change(engineFlags()), '--outfile', outfile]);
  return outfile;
}

export interface EngineIdea {
  /** What differs from the shipped engine, for the benchmarks' row names. */
  readonly name: string;
  /** A copy of bin/hardrun with the idea's engine beside it. */
  readonly launcher: string;
  readonly engine: string;
}

/**
 * The idea measured today: the engine at Bun's normal JIT policy, that is
 * what the shipped `--compile-jit-policy` buys. (A create runs its code
 * once; at the normal policy JavaScriptCore still compiles the functions
 * that cross its tier-up thresholds during that one run.)
 */
export function ideaPair(dir: string): EngineIdea | undefined {
  const built = behindLauncher(join(dir, 'idea'), resolve('src/main.ts'), flags => flags.filter(flag => !flag.startsWith('--compile-jit-policy')));
  return built === undefined ? undefined : { name: 'engine at Bun\'s normal JIT policy', ...built };
}

/**
 * `entry` compiled as the engine is (as `change` alters the flags), as
 * `home`/hardrun-engine beside a copy of the shipped launcher, which finds
 * it there; undefined when bun is not installed.
 */
export function behindLauncher(home: string, entry: string, change?: (flags: string[]) => string[]): { launcher: string; engine: string } | undefined {
  mkdirSync(home, { recursive: true });
  const engine = compileLikeEngine(entry, join(home, 'hardrun-engine'), change);
  if (engine === undefined) return undefined;
  const launcher = join(home, 'hardrun');
  copyFileSync(launcherPath, launcher);
  chmodSync(launcher, 0o755);
  return { launcher, engine };
}
