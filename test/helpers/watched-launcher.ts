import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { enginePath, launcherPath } from './shipped.js';

/**
 * The shipped launcher, copied byte for byte beside an engine stand-in that
 * writes down each call and then execs the real engine: what the caller sees
 * stays the same, and a test can tell the launcher's own path from the full
 * one. (The launcher finds the engine beside itself.)
 */
export interface WatchedLauncher {
  /** The copy of bin/hardrun to run. */
  readonly path: string;
  /** The argv of every call that reached the engine, as lists. */
  engineCalls(): Promise<string[][]>;
  clear(): Promise<void>;
}

export async function makeWatchedLauncher(dir: string): Promise<WatchedLauncher> {
  const bin = join(dir, 'watched-bin');
  const log = join(dir, 'engine-calls');
  await mkdir(bin, { recursive: true });
  const path = join(bin, 'hardrun');
  await copyFile(launcherPath, path);
  await chmod(path, 0o755);
  const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;
  const stand = [
    '#!/bin/sh',
    `{ printf 'call\\036'; for arg; do printf '%s\\036' "$arg"; done; printf '\\n'; } >>${quote(log)}`,
    `exec ${quote(enginePath)} "$@"`,
    '',
  ].join('\n');
  await writeFile(join(bin, 'hardrun-engine'), stand, { mode: 0o755 });
  return {
    path,
    async engineCalls() {
      const text = await readFile(log, 'utf8').catch(() => '');
      return text.split('\n').filter(line => line !== '').map(line => line.split('\x1e').slice(1, -1));
    },
    async clear() {
      await rm(log, { force: true });
    },
  };
}
