import test from 'ava';
import { addHardrun, dockerSocket, isUnchangedSinceSetup, removeHardrun, sameJson } from '../../src/human/setup/daemon-json.js';

const launcher = '/opt/hardrun/bin/hardrun';
const wish = { launcher, makeDefault: false };
const others = { 'log-level': 'warn', runtimes: { nvidia: { path: '/usr/bin/nvidia-container-runtime' } }, labels: ['a'] };

test('addHardrun keeps every other key and runtime, and registers by path alone', t => {
  const next = addHardrun(others, wish);
  t.deepEqual(next, { ...others, runtimes: { ...others.runtimes, hardrun: { path: launcher } } });
  t.false('default-runtime' in next);
});

test('--default sets default-runtime; without it an earlier default stays', t => {
  const asDefault = addHardrun(others, { launcher, makeDefault: true });
  t.is(asDefault['default-runtime'], 'hardrun');
  t.is(addHardrun(asDefault, wish)['default-runtime'], 'hardrun');
});

test('adding twice is adding once', t => {
  const once = addHardrun(others, { launcher, makeDefault: true });
  t.true(sameJson(addHardrun(once, { launcher, makeDefault: true }), once));
});

test('removeHardrun takes back only its own keys, restoring what the backup held', t => {
  const before = { ...others, 'default-runtime': 'nvidia' };
  const set = { ...addHardrun(before, { launcher, makeDefault: true }), debug: true };
  t.deepEqual(removeHardrun(set, before), { ...before, debug: true });
  t.deepEqual(removeHardrun(addHardrun({ debug: true }, { launcher, makeDefault: true }), undefined), { debug: true });
  t.deepEqual(removeHardrun(addHardrun({ runtimes: {} }, wish), { runtimes: {} }), { runtimes: {} });
});

test('isUnchangedSinceSetup tells a file setup made from one edited since', t => {
  const wishes = [true, false].map(makeDefault => ({ launcher, makeDefault }));
  t.true(isUnchangedSinceSetup(addHardrun(others, { launcher, makeDefault: true }), others, wishes));
  t.false(isUnchangedSinceSetup({ ...addHardrun(others, wish), debug: true }, others, wishes));
});

test('dockerSocket reads the first unix host, else Docker\'s default', t => {
  t.is(dockerSocket({ hosts: ['tcp://127.0.0.1:2375', 'unix:///tmp/d.sock'] }), '/tmp/d.sock');
  t.is(dockerSocket({}), '/var/run/docker.sock');
  t.is(dockerSocket({ hosts: ['fd://'] }), '/var/run/docker.sock');
});
