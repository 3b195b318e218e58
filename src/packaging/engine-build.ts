import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFacts } from './source-facts.js';
import type { DebTarget } from './targets.js';
import { runTool } from './run-tool.js';

/**
 * Compiles the engine for one architecture through package.json's own
 * build:engine script, so the package gets every flag bin/hardrun-engine
 * gets (--no-compile-autoload-dotenv and --no-compile-autoload-bunfig above
 * all), with only the target, the output and the version named here. The
 * file keeps its name: Bun writes it into the executable.
 */
export function buildEngine(repo: string, target: DebTarget, outDir: string, facts: SourceFacts): string {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'hardrun-engine');
  const env = {
    ...process.env,
    HARDRUN_BUILD_VERSION: facts.version,
    HARDRUN_BUILD_COMMIT: facts.commit,
    HARDRUN_BUILD_TARGET: target.bunTarget,
    HARDRUN_BUILD_OUTFILE: outfile,
  };
  execFileSync('npm', ['run', '--silent', 'build:engine'], { cwd: repo, env, stdio: ['ignore', 2, 2] });
  checkMachine(outfile, target);
  return outfile;
}

/** A cross-build that produced the wrong machine's code stops the build. */
function checkMachine(engine: string, target: DebTarget): void {
  const machine = /Machine:\s*(.+)/.exec(runTool('readelf', ['-h', engine]))?.[1]?.trim();
  if (machine !== target.elfMachine) throw new Error(`${engine}: built for ${target.arch} but its ELF machine is ${machine ?? 'unknown'}`);
}

/** The newest glibc symbol version the engine needs: the package's libc6 dependency. */
export function requiredGlibc(engine: string): string {
  const versions = [...runTool('readelf', ['-V', '-W', engine]).matchAll(/GLIBC_(\d+)\.(\d+)/g)].map(match => [Number(match[1]), Number(match[2])] as const);
  if (versions.length === 0) throw new Error(`${engine}: no glibc symbol versions found`);
  const [major, minor] = versions.reduce((a, b) => (b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]) ? b : a));
  return `${major}.${minor}`;
}
