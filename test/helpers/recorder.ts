import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runHardrun } from './shipped.js';

/** The recording stand-in backend (test/fixtures/recorder.sh). */
export const recorderPath = resolve('test/fixtures/recorder.sh');

export interface Scratch {
  readonly dir: string;
  readonly log: string;
  /** A policy file whose default backend is the recorder. */
  readonly policy: string;
  /** The --root tests pass; remove() deletes what hardrun still holds there. */
  readonly root: string;
  /** Every call the recorder received so far, as argv lists. */
  calls(): Promise<string[][]>;
  clear(): Promise<void>;
  remove: () => Promise<void>;
}

export async function makeScratch(kind: 'runc' | 'runsc' | 'kata' = 'runc'): Promise<Scratch> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-test-'));
  const log = join(dir, 'calls');
  const policy = join(dir, 'policy.json');
  await writeFile(policy, JSON.stringify({ defaultBackend: 'rec', backends: { rec: { path: recorderPath, kind } } }));
  const root = join(dir, 'root');
  return {
    dir,
    log,
    policy,
    root,
    async calls() {
      let text = '';
      try {
        text = await readFile(log, 'utf8');
      } catch {
        return [];
      }
      return text.split('\n').filter(line => line !== '').map(line => line.split('\x1e').slice(0, -1));
    },
    async clear() {
      await rm(log, { force: true });
    },
    async remove() {
      // Containers "created" through the recorder still have a record and a
      // staging directory: delete them through hardrun, as a caller would.
      const ids = (await readdir(`${root}.hardrun`).catch(() => [] as string[])).filter(id => !id.startsWith('@') && !id.startsWith('.'));
      for (const id of ids) await runHardrun(['--root', root, 'delete', '--force', id], { env: { HARDRUN_POLICY: policy } });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
