import test from 'ava';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directoryModes, ensureOwnDirectory, makeDirectory } from '../../src/host/directories.js';

function scratch(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-dirs-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o7777;
}

// The umask of a hardened host (0077) is held by test/e2e/first-run.test.ts: workers cannot set one.
test('a directory gets its mode, and missing parents the private one', t => {
  const dir = scratch(t);
  t.true(makeDirectory(join(dir, 'walk'), directoryModes.traversable));
  ensureOwnDirectory(join(dir, 'a', 'b', 'own'), directoryModes.traversable, true);
  t.is(modeOf(join(dir, 'walk')), 0o711);
  t.is(modeOf(join(dir, 'a', 'b', 'own')), 0o711);
  t.is(modeOf(join(dir, 'a')), 0o700, 'missing parents are private, as runc makes its root');
});

test('makeDirectory leaves a directory that is there as it is', t => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'upper'), { mode: 0o750 });
  t.false(makeDirectory(join(dir, 'upper'), directoryModes.containerRoot));
  t.is(modeOf(join(dir, 'upper')), 0o750);
});

test("ensureOwnDirectory puts an existing directory's mode right, and refuses a symlink", t => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'run'), { mode: 0o700 });
  ensureOwnDirectory(join(dir, 'run'), directoryModes.traversable);
  t.is(modeOf(join(dir, 'run')), 0o711);
  mkdirSync(join(dir, 'elsewhere'));
  symlinkSync(join(dir, 'elsewhere'), join(dir, 'link'));
  t.throws(() => ensureOwnDirectory(join(dir, 'link'), directoryModes.traversable), { message: /link: not a directory owned by root/ });
});
