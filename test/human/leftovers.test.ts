import test from 'ava';
import { mkdir, mkdtemp, readdir, rm, symlink, utimes } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { stagingDirFor } from '../../src/bundle/staging.js';
import { findLeftovers, removeLeftover } from '../../src/human/doctor/leftovers.js';
import { recordPath, writeRecord } from '../../src/state/record.js';

const runc = { kind: 'runc' as const, name: 'runc', path: '/usr/sbin/runc', args: [] };
const old = new Date(Date.now() - 5 * 60_000);

/** A root with containers in every state a doctor must tell apart, in temporary places. */
async function host(t: import('ava').ExecutionContext): Promise<{ root: string; stage: string; ids: string; key: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-leftovers-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const root = join(dir, 'root');
  const stage = join(dir, 'stage');
  const ids = join(dir, 'ids');
  const key = basename(stagingDirFor(root, ''));
  await mkdir(join(root, 'live'), { recursive: true });
  await mkdir(stage);
  await mkdir(ids);
  writeRecord(root, 'live', { ...runc, claim: join(ids, '100'), staging: join(stage, `${key}live`) });
  writeRecord(root, 'gone', runc);
  writeRecord(root, 'young', runc);
  for (const [claim, entry] of [['100', `${key}live`], ['200', `${key}live`]] as const) {
    await mkdir(join(ids, claim));
    await symlink(recordPath(root, 'live'), join(ids, claim, entry));
  }
  await mkdir(join(ids, '300'));
  await mkdir(join(stage, `${key}live`));
  await mkdir(join(stage, `${key}orphan`, 'rootfs'), { recursive: true });
  for (const path of [recordPath(root, 'live'), recordPath(root, 'gone'), join(ids, '100'), join(ids, '200'), join(ids, '300'), join(stage, `${key}live`), join(stage, `${key}orphan`)]) await utimes(path, old, old);
  return { root, stage, ids, key };
}

test('each leftover is named with its container and why; live and young state is not', async t => {
  const { root, stage, ids, key } = await host(t);
  const found = findLeftovers({ roots: [root], only: true, stagingBase: stage, claimsDir: ids });
  t.deepEqual(found.map(item => [item.kind, item.path, item.id]), [
    ['record', recordPath(root, 'gone'), 'gone'],
    ['staging', join(stage, `${key}orphan`), 'orphan'],
    ['claim', join(ids, '200'), 'live'],
  ]);
  t.regex(found[0]!.why, /^runc has no container gone under .*\/root \(a create that failed before runc made its state/);
  t.regex(found[1]!.why, /^no record names it: container orphan under .*\/root is gone/);
  t.regex(found[2]!.why, /^container live's record names the claim .*\/ids\/100: this is a second one an earlier create of live left$/);
  // Unscoped, a claim that holds no entry is a leftover too (scoped, it is no root's).
  const all = findLeftovers({ roots: [root], only: false, stagingBase: stage, claimsDir: ids });
  t.true(all.some(item => item.kind === 'claim' && item.path === join(ids, '300') && /holds no container's entry/.test(item.why)));
});

test('--fix removes each, never recursively, and leaves the live container\'s state', async t => {
  const { root, stage, ids, key } = await host(t);
  const found = findLeftovers({ roots: [root], only: true, stagingBase: stage, claimsDir: ids });
  const stayed = found.map(item => removeLeftover(item));
  // removeStaging takes nothing outside /run/hardrun, so the temporary one stays (the e2e test removes a real one).
  t.deepEqual(stayed.map(reason => reason?.replace(/ \/\S*\/stage\/\S*: /, ' DIR: ')), [undefined, 'refusing to remove DIR: not a staging directory', undefined]);
  t.false(existsSync(recordPath(root, 'gone')));
  t.deepEqual((await readdir(ids)).sort(), ['100', '300']);
  t.deepEqual((await readdir(stage)).sort(), [`${key}live`, `${key}orphan`]);
  t.true(existsSync(recordPath(root, 'live')));
  t.deepEqual(findLeftovers({ roots: [root], only: true, stagingBase: stage, claimsDir: ids }).map(item => item.kind), ['staging']);
});
