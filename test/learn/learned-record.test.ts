import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { formatRecord, parseRecord, writeRecord, type ContainerRecord } from '../../src/state/record.js';
import { makeScratch, recorderPath } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';

const image = { known: true as const, recorded: 'nginx', repository: 'docker.io/library/nginx', tag: 'latest', digests: [], source: 'Docker\'s record' };

/** An image layer and the container's own layer, as nginx leaves them; a record that learns from them. */
async function learnedContainer(dir: string, audit: string): Promise<ContainerRecord> {
  const lower = join(dir, 'lower');
  const upper = join(dir, 'upper');
  for (const path of ['var/lib/nginx', 'etc', 'tmp']) await mkdir(join(lower, path), { recursive: true });
  for (const path of ['var/lib/nginx/body', 'tmp/cache', 'etc/mounted']) await mkdir(join(upper, path), { recursive: true });
  await writeFile(join(upper, 'var/lib/nginx/body/1'), '');
  return {
    kind: 'runc', name: 'rec', path: recorderPath, args: [],
    learn: { audit, image, upper, lowers: [lower], mounted: ['/etc/mounted'], writablePaths: ['/tmp', '/run'], allow: ['CAP_CHOWN'] },
  };
}

test('a learned record keeps its learn state through a round trip, and is never one the launcher follows', t => {
  const record: ContainerRecord = { kind: 'runc', name: 'r', path: '/usr/bin/runc', args: [], learn: { image, upper: '/u\tx\ny', lowers: ['/l'], mounted: [], writablePaths: ['/tmp'], allow: [] } };
  const text = formatRecord(record);
  t.regex(text, /^hardrun1\tfull\t/);
  t.is(text.split('\n').length, 3, 'the state is one line, whatever its paths hold');
  t.deepEqual(parseRecord(text), record);
});

test('the delete of a learned container appends one record (image, container, host, what it needed) and leaves nothing of hardrun\'s', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const audit = join(scratch.dir, 'audit.jsonl');
  writeRecord(scratch.root, 'web', await learnedContainer(scratch.dir, audit));
  const deleted = await runHardrun(['--root', scratch.root, 'delete', 'web'], { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy } });
  t.is(deleted.exitCode, 0, deleted.stderr);
  t.is(deleted.stdout + deleted.stderr, '', 'a delete prints nothing of its own');
  t.deepEqual(await scratch.calls(), [['--root', scratch.root, 'delete', 'web']]);
  const lines = (await readFile(audit, 'utf8')).trim().split('\n').map(line => JSON.parse(line) as Record<string, unknown>);
  t.is(lines.length, 1);
  const [learned] = lines;
  t.like(learned, { event: 'learned', id: 'web', host: hostname(), image, wrote: ['/var/lib/nginx'], wroteTop: false, refused: [] });
  t.deepEqual(learned?.['examples'], ['/var/lib/nginx/body']);
  t.true((learned?.['notes'] as string[]).some(note => /capabilities were not watched/.test(note)));
  t.false(existsSync(join(`${scratch.root}.hardrun`, 'web')), 'the record is gone');
  t.deepEqual(await readdir(`${scratch.root}.hardrun`), []);

  // Docker's second delete (--force) finds no record: no second learned record.
  const again = await runHardrun(['--root', scratch.root, 'delete', '--force', 'web'], { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy } });
  t.is(again.exitCode, 0, again.stderr);
  t.is((await readFile(audit, 'utf8')).trim().split('\n').length, 1);
});

test('a learned container whose audit log cannot be written is still deleted, silently', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const audit = join(scratch.dir, 'no-such-dir-parent-is-a-file');
  await writeFile(audit, '');
  writeRecord(scratch.root, 'web', await learnedContainer(scratch.dir, join(audit, 'audit.jsonl')));
  const deleted = await runHardrun(['--root', scratch.root, 'delete', 'web'], { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy } });
  t.is(deleted.exitCode, 0, deleted.stderr);
  t.is(deleted.stdout + deleted.stderr, '');
  t.false(existsSync(join(`${scratch.root}.hardrun`, 'web')));
});
