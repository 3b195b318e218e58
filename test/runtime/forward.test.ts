import test from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeRecord } from '../../src/state/record.js';
import { makeScratch, recorderPath } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';

// A call without a usable id is the backend's to answer, in its own words
// (runc prints its usage or "requires a minimum of 1 argument"), even where
// hardrun's state directory exists.
const idless: string[][] = [
  ['delete'],
  ['delete', '-h'],
  ['delete', '--help'],
  ['delete', '--force'],
  ['delete', ''],
  ['delete', '.'],
  ['delete', '..'],
  ['state'],
  ['kill'],
  ['start', '-h'],
];

test('a call with no container id reaches the default backend untouched, and the records stay', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const root = scratch.root;
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy };
  writeRecord(root, 'kept', { kind: 'runc', name: 'rec', path: recorderPath, args: [] });
  for (const form of idless) {
    for (const via of ['launcher', 'engine'] as const) {
      await scratch.clear();
      const outcome = await runHardrun(['--root', root, ...form], { via, env });
      t.is(outcome.exitCode, 0, `${via} ${form.join(' ')}: ${outcome.stderr}`);
      t.is(outcome.stdout + outcome.stderr, '', `${via} ${form.join(' ')} printed something of its own`);
      t.deepEqual(await scratch.calls(), [['--root', root, ...form]], `${via} ${form.join(' ')}`);
      t.true(existsSync(join(`${root}.hardrun`, 'kept')), `${via} ${form.join(' ')} removed another container's record`);
    }
  }
});
