import test from 'ava';
import { execa } from 'execa';
import fc from 'fast-check';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Spec } from '../../src/spec/types.js';
import { findExecutable } from '../helpers/dockerd.js';
import { leftoversOf, removeLeftoversOf } from '../helpers/leftovers.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * Random sequences of create, start, kill, delete and state, each run
 * against runc directly and through hardrun (built-in policy: record,
 * staging directory and claim of host ids), with containers that run, that
 * exit at once, whose poststart hook fails, or whose program is missing.
 * After every call both sides answer with the same exit status, and hardrun
 * keeps exactly one record, one staging directory and one claim for each
 * container runc keeps state for, and nothing for any other.
 */
const runc = findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/sbin/runc';
const vias = ['runc', 'hardrun'] as const;
type Via = typeof vias[number];
let scratch = '';
let run = 0;

const kinds = {
  sleeps: (spec: Spec): void => { spec.process!.args = ['/bin/sleep', '100']; },
  exits: (spec: Spec): void => { spec.process!.args = ['/bin/true']; },
  poststartFails: (spec: Spec): void => { spec.process!.args = ['/bin/sleep', '100']; spec.hooks = { poststart: [{ path: '/bin/false' }] }; },
  noProgram: (spec: Spec): void => { spec.process!.args = ['/no/such/program']; },
} as const;
type Kind = keyof typeof kinds;
type Op = 'create' | 'start' | 'kill' | 'delete' | 'delete --force' | 'state';

test.before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hardrun-property-'));
  // One bundle per kind and side; a create rewrites config.json, so each run copies it back.
  for (const [via, kind] of vias.flatMap(side => (Object.keys(kinds) as Kind[]).map(k => [side, k] as const))) {
    const dir = join(scratch, `bundle-${via}-${kind}`);
    await mkdir(join(dir, 'rootfs', 'bin'), { recursive: true });
    await copyFile(findExecutable('busybox', ['/bin']) ?? '/bin/busybox', join(dir, 'rootfs', 'bin', 'busybox'));
    for (const tool of ['sleep', 'true']) await symlink('busybox', join(dir, 'rootfs', 'bin', tool));
    await execa(runc, ['spec'], { cwd: dir });
    const spec = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Spec;
    spec.process!.terminal = false;
    spec.linux!.cgroupsPath = `/hardrun-property-${via}-${kind}`;
    kinds[kind](spec);
    await writeFile(join(dir, 'pristine.json'), JSON.stringify(spec));
  }
});
test.after.always(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const rootOf = (via: Via, n: number): string => join(scratch, `root-${via}-${n}`);

async function call(via: Via, root: string, op: Op, kind: Kind): Promise<number> {
  // Each create from a config.json as its caller wrote it: a bundle whose
  // config.json is the rewrite of a container since deleted is refused by
  // design (docs/architecture.md, the caller's config.json).
  if (op === 'create') await copyBundle(`bundle-${via}-${kind}`);
  const args = op === 'create' ? ['create', '--bundle', join(scratch, `bundle-${via}-${kind}`), 'p']
    : op === 'kill' ? ['kill', 'p', '9']
    : op === 'delete --force' ? ['delete', '--force', 'p']
    : [op, 'p'];
  // A created container keeps the create's stdio: nothing here is a pipe that would stay open.
  const result = await execa(via === 'runc' ? runc : launcherPath, ['--root', root, ...args], { reject: false, stdio: 'ignore' });
  return result.exitCode ?? 128;
}

/** Waits until neither side's container runs any more: a kill is delivered at once, its effect is not. */
async function settle(n: number): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const running = await Promise.all(vias.map(async via => {
      const state = await execa(runc, ['--root', rootOf(via, n), 'state', 'p'], { reject: false });
      return state.exitCode === 0 && /"status": "running"/.test(state.stdout);
    }));
    if (!running.some(Boolean)) return;
    await sleep(20);
  }
}

async function copyBundle(name: string): Promise<void> {
  await writeFile(join(scratch, name, 'config.json'), await readFile(join(scratch, name, 'pristine.json')));
}

/** What each side keeps: runc's containers, and hardrun's record, staging and claim per container. */
async function kept(n: number): Promise<{ runc: string[]; underHardrun: string[]; records: string[]; staging: string[]; claims: string[] }> {
  const list = async (dir: string): Promise<string[]> => (await readdir(dir).catch(() => [] as string[])).sort();
  const left = await leftoversOf(rootOf('hardrun', n));
  return {
    runc: await list(rootOf('runc', n)),
    underHardrun: await list(rootOf('hardrun', n)),
    records: left.records.sort(),
    staging: left.staging.map(dir => basename(dir).slice(13)).sort(),
    claims: left.claims.map(entry => basename(entry).slice(13)).sort(),
  };
}

test('random sequences: hardrun answers as runc does and keeps state exactly while runc does', async t => {
  const ops: Op[] = ['create', 'start', 'kill', 'delete', 'delete --force', 'state'];
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(...Object.keys(kinds) as Kind[]),
    fc.array(fc.tuple(fc.constantFrom(...ops), fc.constantFrom(...Object.keys(kinds) as Kind[])), { maxLength: 7 }),
    async (first, rest) => {
      // Most sequences worth running begin with a create.
      const sequence: [Op, Kind][] = [['create', first], ...rest];
      run += 1;
      const n = run;
      try {
        for (const [op, kind] of sequence) {
          const status = { runc: await call('runc', rootOf('runc', n), op, kind), hardrun: await call('hardrun', rootOf('hardrun', n), op, kind) };
          if (op === 'kill') await settle(n);
          const state = await kept(n);
          const label = `${sequence.map(([o, k]) => (o === 'create' ? `create(${k})` : o)).join(', ')}: after ${op}`;
          if (status.hardrun !== status.runc) throw new Error(`${label}: exit ${status.hardrun} through hardrun, ${status.runc} through runc`);
          if (JSON.stringify(state.underHardrun) !== JSON.stringify(state.runc)) throw new Error(`${label}: runc keeps ${JSON.stringify(state.runc)}, under hardrun ${JSON.stringify(state.underHardrun)}`);
          for (const what of ['records', 'staging', 'claims'] as const) {
            if (JSON.stringify(state[what]) !== JSON.stringify(state.runc)) throw new Error(`${label}: hardrun keeps ${what} ${JSON.stringify(state[what])} while runc keeps ${JSON.stringify(state.runc)}`);
          }
        }
      } catch (error) {
        t.log((error as Error).message);
        throw error;
      } finally {
        for (const via of vias) {
          await execa(via === 'runc' ? runc : launcherPath, ['--root', rootOf(via, n), 'delete', '--force', 'p'], { reject: false, stdio: 'ignore' });
          await removeLeftoversOf(rootOf(via, n));
        }
      }
    },
  ), { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 25), endOnFailure: true, ...(process.env['PROPERTY_SEED'] === undefined ? {} : { seed: Number(process.env['PROPERTY_SEED']) }) });
  t.pass();
});
