import test from 'ava';
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { claimPath, claimSlot, claimedStarts, freeSlot, joinSlot, pickSlot, reclaimStale, releaseSlot, slotAt, slotCount, slotSize, type IdPool } from '../../src/state/id-slots.js';

const pool: IdPool = { uids: { hostID: 1_000_000, size: 64 * slotSize }, gids: { hostID: 2_000_000, size: 64 * slotSize } };

function scratch(t: import('ava').ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-ids-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('slots never overlap each other, and stay inside the pool', t => {
  t.notThrows(() => fc.assert(fc.property(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 63 }), (a, b) => {
    const first = slotAt(pool, a);
    const second = slotAt(pool, b);
    const overlap = first.uids.hostID < second.uids.hostID + slotSize && second.uids.hostID < first.uids.hostID + slotSize;
    return (a === b) === overlap
      && first.uids.hostID >= pool.uids.hostID && first.uids.hostID + slotSize <= pool.uids.hostID + pool.uids.size
      && first.gids.hostID - pool.gids.hostID === first.uids.hostID - pool.uids.hostID;
  })));
});

test('a pick skips claimed slots whatever the random start, and finds none when all are taken', t => {
  t.notThrows(() => fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 63 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (taken, random) => {
    const claimed = new Set(taken.map(index => slotAt(pool, index).uids.hostID));
    const slot = pickSlot(pool, claimed, new Set(), random);
    return slot !== undefined && !claimed.has(slot.uids.hostID);
  })));
  const all = new Set(Array.from({ length: slotCount(pool) }, (_, index) => slotAt(pool, index).uids.hostID));
  t.is(pickSlot(pool, all), undefined);
});

test('a claim is exclusive, only its holder frees it, and a released slot can be claimed again', t => {
  const dir = scratch(t);
  const slot = slotAt(pool, 3);
  t.true(claimSlot(slot, 'k-a', '/run/x.hardrun/a', dir));
  t.false(claimSlot(slot, 'k-b', '/run/x.hardrun/b', dir), 'a second claim of the same slot fails');
  t.deepEqual([...claimedStarts(dir)], [slot.uids.hostID]);
  releaseSlot(claimPath(slot, dir), 'k-b');
  t.deepEqual([...claimedStarts(dir)], [slot.uids.hostID], 'a container that never held the slot cannot free it');
  releaseSlot(claimPath(slot, dir), 'k-a');
  t.deepEqual([...claimedStarts(dir)], []);
  t.true(claimSlot(slot, 'k-b', '/run/x.hardrun/b', dir));
});

test('a pod\'s containers join the sandbox\'s claim; the slot is freed with the last of them, whichever goes last', t => {
  const dir = scratch(t);
  const slot = slotAt(pool, 5);
  const claim = claimPath(slot, dir);
  t.false(joinSlot(claim, 'k-app', '/run/x.hardrun/app'), 'no sandbox, no claim to join');
  t.true(claimSlot(slot, 'k-sb', '/run/x.hardrun/sb', dir));
  t.true(joinSlot(claim, 'k-app', '/run/x.hardrun/app'));
  t.deepEqual(readdirSync(claim).sort(), ['k-app', 'k-sb']);
  releaseSlot(claim, 'k-sb');
  t.deepEqual([...claimedStarts(dir)], [slot.uids.hostID], 'the sandbox deleted first: the container still holds the range');
  releaseSlot(claim, 'k-app');
  t.deepEqual([...claimedStarts(dir)], []);
});

test('a pool smaller than one slot, or one with every slot live, is refused with how to grow it', t => {
  const dir = scratch(t);
  t.throws(() => freeSlot({ uids: { hostID: 100000, size: 65535 }, gids: { hostID: 100000, size: 65536 } }, new Set(), undefined, dir), { message: /less than one container's 65536/ });
  const one: IdPool = { uids: { hostID: 100000, size: slotSize }, gids: { hostID: 100000, size: slotSize } };
  t.true(claimSlot(slotAt(one, 0), 'k-fresh', join(dir, 'fresh'), dir));
  t.throws(() => freeSlot(one, new Set(), undefined, dir), { message: /all 1 host id ranges .* in use/ });
});

test('stale claims are reclaimed (record gone, or no backend state), but never a young one: a create under way', t => {
  const dir = scratch(t);
  const root = join(dir, 'root');
  mkdirSync(`${root}.hardrun`, { recursive: true });
  mkdirSync(join(root, 'live'), { recursive: true });
  for (const id of ['live', 'nostate']) writeFileSync(`${root}.hardrun/${id}`, '');
  const claims = join(dir, 'ids');
  ['live', 'nostate', 'gone'].forEach((id, index) => t.true(claimSlot(slotAt(pool, index), `k-${id}`, `${root}.hardrun/${id}`, claims)));
  mkdirSync(claimPath(slotAt(pool, 3), claims)); // a create killed between the claim's two steps
  symlinkSync(`${root}.hardrun/old`, claimPath(slotAt(pool, 4), claims)); // not a claim as the engine makes them
  t.deepEqual(reclaimStale(claims, Date.now()), [], 'claims made a moment ago are all kept');
  const freed = reclaimStale(claims, Date.now() + 3_600_000);
  t.deepEqual(freed.sort(), [1, 2, 3, 4].map(index => slotAt(pool, index).uids.hostID).sort());
  t.deepEqual([...claimedStarts(claims)], [slotAt(pool, 0).uids.hostID]);
});

test('50 concurrent processes claiming from the same pool get 50 distinct slots', async t => {
  const dir = scratch(t);
  const small: IdPool = { uids: { hostID: 100000, size: 50 * slotSize }, gids: { hostID: 100000, size: 50 * slotSize } };
  const script = `
    import { freeSlot, claimSlot } from ${JSON.stringify(new URL('../../src/state/id-slots.js', import.meta.url).href)};
    const pool = ${JSON.stringify(small)};
    const skip = new Set();
    for (;;) {
      const slot = freeSlot(pool, skip, undefined, ${JSON.stringify(dir)});
      if (claimSlot(slot, 'k-' + process.pid, '/run/x.hardrun/' + process.pid, ${JSON.stringify(dir)})) { console.log(slot.uids.hostID); break; }
      skip.add(slot.uids.hostID);
    }`;
  const run = promisify(execFile);
  const outputs = await Promise.all(Array.from({ length: 50 }, () => run(process.execPath, ['--input-type=module', '-e', script])));
  const starts = outputs.map(output => Number(output.stdout.trim()));
  t.is(new Set(starts).size, 50);
  t.is(readdirSync(dir).length, 50);
});
