import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where `npm run package` wrote the packages, and what it names them. */
export const distDir = resolve('dist');
export const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
export const debPath = (arch: string): string => join(distDir, `hardrun_${packageVersion}_${arch}.deb`);

/** The architecture this machine runs natively, in dpkg's words. */
export const nativeArch = process.arch === 'arm64' ? 'arm64' : 'amd64';

/** The commit as the build names it (`hardrun --version`). */
export async function sourceCommit(): Promise<string> {
  return (await execa('git', ['describe', '--always', '--dirty', '--abbrev=12'])).stdout.trim();
}

export interface Extracted {
  readonly root: string;
  remove(): Promise<void>;
}

/** A package's files unpacked into a temporary root (`dpkg-deb -x`), as dpkg would install them. */
export async function extractDeb(deb: string): Promise<Extracted> {
  const root = await mkdtemp(join(tmpdir(), 'hardrun-deb-root-'));
  try {
    await execa('dpkg-deb', ['-x', deb, root]);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
