import test from 'ava';
import { fallbackRange } from '../../src/host/subid.js';
import { freeRange, planSubidFiles } from '../../src/human/setup/subid-range.js';

test('empty files get hardrun\'s fallback range, the one create uses without a line', t => {
  const plan = planSubidFiles('', '');
  t.deepEqual(plan.range, fallbackRange);
  t.is(plan.uid, `hardrun:${fallbackRange.hostID}:${fallbackRange.size}\n`);
  t.is(fallbackRange.size / 65536, 4096, 'room for 4096 containers');
  t.is(plan.gid, plan.uid);
});

test('other owners\' lines stay; a missing final newline is added before the new line', t => {
  const plan = planSubidFiles('alice:100000:65536', 'alice:100000:65536\n');
  t.is(plan.uid, `alice:100000:65536\nhardrun:${fallbackRange.hostID}:${fallbackRange.size}\n`);
  t.is(plan.gid, plan.uid);
});

test('a range overlapping the fallback moves hardrun to the next free aligned slot, the same in both files', t => {
  const plan = planSubidFiles(`bob:${fallbackRange.hostID + 10}:100\n`, `carol:${fallbackRange.hostID + 65536}:65536\n`);
  t.deepEqual(plan.range, { hostID: fallbackRange.hostID + 2 * 65536, size: fallbackRange.size });
});

test('a file that already has a hardrun line is left alone, and the other gets the same range', t => {
  const plan = planSubidFiles('hardrun:200000:65536\n', '');
  t.is(plan.uid, undefined);
  t.is(plan.gid, 'hardrun:200000:65536\n');
});

test('freeRange gives up before the 32-bit end', t => {
  t.throws(() => freeRange([{ hostID: 0, size: 0xffff_0000 }], 65536, 0));
});
