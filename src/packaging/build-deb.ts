import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { renderChangelog } from './changelog.js';
import { listContents, type Generated } from './contents.js';
import { measureInstalledSize, renderControl, renderMd5sums } from './control.js';
import { renderCopyright } from './copyright.js';
import { buildEngine, requiredGlibc } from './engine-build.js';
import { renderExamplePolicy } from './example-policy.js';
import { collectHelp } from './help-text.js';
import { postrm } from './maintainer-scripts.js';
import { renderManPage } from './man-page.js';
import { buildEnv } from './run-tool.js';
import { readSourceFacts, type SourceFacts } from './source-facts.js';
import { debTargets, type DebTarget } from './targets.js';
import { layOutTree } from './tree.js';

/**
 * `npm run package [-- OUTDIR]`: hardrun_<version>_amd64.deb and _arm64.deb,
 * and SHA256SUMS, in OUTDIR (default dist/). Two builds of one commit give
 * the same bytes: one timestamp (the commit's), fixed modes, root owners,
 * sorted lists, and tools run in a fixed environment.
 */
function main(): void {
  const repo = resolve('.');
  const outDir = resolve(process.argv[2] ?? 'dist');
  const facts = readSourceFacts(repo);
  const work = mkdtempSync(join(tmpdir(), 'hardrun-deb-'));
  try {
    mkdirSync(outDir, { recursive: true });
    for (const old of readdirSync(outDir).filter(name => /^hardrun_.*\.deb$|^SHA256SUMS$/.test(name))) unlinkSync(join(outDir, old));
    const engines = debTargets.map(target => ({ target, engine: timed(`engine ${target.arch}`, () => buildEngine(repo, target, join(work, `engine-${target.arch}`), facts)) }));
    const generated = generate(repo, facts, nativeEngine(engines), work);
    const debs = engines.map(({ target, engine }) => timed(`package ${target.arch}`, () => buildDeb(target, engine, generated, facts, repo, work, outDir)));
    writeFileSync(join(outDir, 'SHA256SUMS'), debs.map(deb => `${sha256(deb)}  ${basename(deb)}\n`).join(''));
    for (const deb of debs) process.stderr.write(`${deb}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The engine this machine runs: it answers --help and `policy show` for the man page and the example. */
function nativeEngine(engines: readonly { target: DebTarget; engine: string }[]): string {
  const native = engines.find(({ target }) => target.nodeArch === process.arch);
  if (native === undefined) throw new Error(`no package target runs on ${process.arch}: the man page is made by running the engine`);
  return native.engine;
}

function generate(repo: string, facts: SourceFacts, engine: string, work: string): Generated {
  const emptyDir = join(work, 'empty');
  mkdirSync(emptyDir);
  return {
    manPage: renderManPage(collectHelp(engine, emptyDir), facts),
    examplePolicy: renderExamplePolicy(engine, emptyDir),
    copyright: renderCopyright(repo, new Date(facts.epoch * 1000).getUTCFullYear()),
    changelog: renderChangelog(facts),
  };
}

function buildDeb(target: DebTarget, engine: string, generated: Generated, facts: SourceFacts, repo: string, work: string, outDir: string): string {
  const root = join(work, `root-${target.arch}`);
  layOutTree(root, listContents(repo, engine, generated), facts.epoch);
  const control = renderControl({ facts, arch: target.arch, glibc: requiredGlibc(engine), installedSizeKiB: measureInstalledSize(root) });
  layOutTree(root, [
    { path: 'DEBIAN/control', mode: 0o644, text: control },
    { path: 'DEBIAN/md5sums', mode: 0o644, text: renderMd5sums(root) },
    { path: 'DEBIAN/postrm', mode: 0o755, text: postrm },
  ], facts.epoch);
  const deb = join(outDir, `hardrun_${facts.version}_${target.arch}.deb`);
  const env = { ...buildEnv, SOURCE_DATE_EPOCH: String(facts.epoch) };
  // xz at level 1: level 6 took five minutes a package on two cores, for a
  // tenth fewer bytes. One thread, so the bytes do not depend on the machine.
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', '-z1', '--threads-max=1', '--build', root, deb], { env, stdio: ['ignore', 2, 2] });
  return deb;
}

function timed<T>(what: string, step: () => T): T {
  const start = Date.now();
  const result = step();
  process.stderr.write(`hardrun package: ${what}: ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
  return result;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

main();
