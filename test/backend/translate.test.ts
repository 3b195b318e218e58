import test from 'ava';
import { formatRuncArgv, parseRuncArgv } from '../../src/cli/argv.js';
import { goDurationSeconds, translateArgv } from '../../src/backend/translate.js';

const translated = (kind: 'runc' | 'runsc' | 'kata', argv: string[]): string[] => formatRuncArgv(translateArgv(kind, parseRuncArgv(argv)));

test('runc receives the argv untouched', t => {
  const argv = ['--root', '/r', 'create', '--bundle', '/b', '--no-pivot', '--preserve-fds', '2', 'c'];
  t.deepEqual(translated('runc', argv), argv);
});

test('runsc: create loses the flags it lacks, keeps the rest in order', t => {
  t.deepEqual(
    translated('runsc', ['--root', '/r', 'create', '--bundle', '/b', '--pid-file', '/b/p', '--no-pivot', '--no-new-keyring', '--pidfd-socket', '/s', 'c']),
    ['--root', '/r', 'create', '--bundle', '/b', '--pid-file', '/b/p', 'c'],
  );
});

test('runsc: exec loses --cgroup, --ignore-paused and --preserve-fds', t => {
  t.deepEqual(
    translated('runsc', ['exec', '--process', '/p', '--detach', '--cgroup', 'sub', '--ignore-paused', '--preserve-fds=1', 'c']),
    ['exec', '--process', '/p', '--detach', 'c'],
  );
});

test("runsc: events --interval takes whole seconds, not Go's duration", t => {
  t.deepEqual(translated('runsc', ['events', '--interval=5s', 'c']), ['events', '--interval=5', 'c']);
  t.deepEqual(translated('runsc', ['events', '--interval', '1m30s', 'c']), ['events', '--interval=90', 'c']);
});

test('runsc: ps in table format takes no ps(1) options', t => {
  t.deepEqual(translated('runsc', ['ps', '--format', 'table', 'c', '-ef']), ['ps', '--format', 'table', 'c']);
});

test('runsc: --rootless=auto becomes false', t => {
  t.deepEqual(translated('runsc', ['--rootless=auto', 'state', 'c']), ['--rootless=false', 'state', 'c']);
});

test('kata-runtime: create loses --no-new-keyring and --preserve-fds', t => {
  t.deepEqual(
    translated('kata', ['create', '--bundle', '/b', '--no-new-keyring', '--preserve-fds', '1', '--console-socket', '/s', 'c']),
    ['create', '--bundle', '/b', '--console-socket', '/s', 'c'],
  );
});

test('Go durations convert to whole seconds', t => {
  t.is(goDurationSeconds('5s'), 5);
  t.is(goDurationSeconds('1500ms'), 2);
  t.is(goDurationSeconds('2h'), 7200);
  t.is(goDurationSeconds('10'), 10);
  t.is(goDurationSeconds('100ms'), 1);
  t.is(goDurationSeconds('soon'), undefined);
  t.is(goDurationSeconds('5sx'), undefined);
});
