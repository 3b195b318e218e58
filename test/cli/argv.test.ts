import test from 'ava';
import { flagIsSet, flagValue, formatRuncArgv, parseRuncArgv } from '../../src/cli/argv.js';

const shimCreate = [
  '--root', '/run/containerd/runc/k8s.io', '--log', '/b/log.json', '--log-format', 'json', '--systemd-cgroup',
  'create', '--bundle', '/b', '--pid-file', '/b/init.pid', '--console-socket', '/tmp/pty.sock', '--no-pivot', 'ctr1',
];

test('the shim create argv parses into globals, command, flags and the id', t => {
  const parsed = parseRuncArgv(shimCreate);
  t.is(parsed.command, 'create');
  t.is(flagValue(parsed.globals, 'root'), '/run/containerd/runc/k8s.io');
  t.is(flagValue(parsed.globals, 'log-format'), 'json');
  t.true(flagIsSet(parsed.globals, 'systemd-cgroup'));
  t.is(flagValue(parsed.flags, 'bundle'), '/b');
  t.is(flagValue(parsed.flags, 'console-socket'), '/tmp/pty.sock');
  t.true(flagIsSet(parsed.flags, 'no-pivot'));
  t.deepEqual(parsed.positionals, ['ctr1']);
});

const equivalentForms: [string, string[]][] = [
  ['--x v', ['--root', '/r', 'state', 'c']],
  ['--x=v', ['--root=/r', 'state', 'c']],
  ['-x v', ['-root', '/r', 'state', 'c']],
  ['-x=v', ['-root=/r', 'state', 'c']],
];
for (const [form, argv] of equivalentForms) {
  test(`Go flag form ${form} is understood and reproduced verbatim`, t => {
    const parsed = parseRuncArgv(argv);
    t.is(flagValue(parsed.globals, 'root'), '/r');
    t.is(parsed.command, 'state');
    t.deepEqual(parsed.positionals, ['c']);
    t.deepEqual(formatRuncArgv(parsed), argv);
  });
}

test('short aliases resolve to the long name', t => {
  const parsed = parseRuncArgv(['exec', '-p', '/tmp/p.json', '-d', '-t', '-e', 'A=1', 'c']);
  t.is(flagValue(parsed.flags, 'process'), '/tmp/p.json');
  t.true(flagIsSet(parsed.flags, 'detach'));
  t.true(flagIsSet(parsed.flags, 'tty'));
  t.is(flagValue(parsed.flags, 'env'), 'A=1');
  t.deepEqual(parsed.positionals, ['c']);
});

test('-f means --force for delete and --format for ps', t => {
  t.true(flagIsSet(parseRuncArgv(['delete', '-f', 'c']).flags, 'force'));
  const ps = parseRuncArgv(['ps', '-f', 'json', 'c']);
  t.is(flagValue(ps.flags, 'format'), 'json');
  t.deepEqual(ps.positionals, ['c']);
});

test('unknown flags pass through as booleans, or with their =value', t => {
  const argv = ['--weird', '--other=1', 'create', '--keep-going', '--mystery=x', '--bundle', '/b', 'c'];
  const parsed = parseRuncArgv(argv);
  t.is(parsed.command, 'create');
  t.deepEqual(parsed.positionals, ['c']);
  t.deepEqual(formatRuncArgv(parsed), argv);
});

test("Docker's runtimeArgs come first and are global flags like any other", t => {
  const parsed = parseRuncArgv(['--policy', '/etc/p.yaml', '--root', '/r', 'start', 'c']);
  t.is(flagValue(parsed.globals, 'policy'), '/etc/p.yaml');
  t.is(parsed.command, 'start');
});

test('flags stop at the first positional, as in Go', t => {
  const parsed = parseRuncArgv(['ps', '--format', 'table', 'c', '-ef']);
  t.deepEqual(parsed.positionals, ['c', '-ef']);
  const empty = parseRuncArgv(['ps', '--format', 'table', 'c', '']);
  t.deepEqual(empty.positionals, ['c', '']);
});

test('-- ends the flags', t => {
  const parsed = parseRuncArgv(['kill', '--', 'c', '9']);
  t.deepEqual(parsed.positionals, ['c', '9']);
  t.deepEqual(formatRuncArgv(parsed), ['kill', '--', 'c', '9']);
});

test('single-dash boolean forms such as -no-subreaper', t => {
  const parsed = parseRuncArgv(['restore', '--detach', '--pid-file', '/b/init.pid', '-no-subreaper', '--bundle', '/b', 'c']);
  t.true(flagIsSet(parsed.flags, 'no-subreaper'));
  t.is(flagValue(parsed.flags, 'bundle'), '/b');
  t.deepEqual(parsed.positionals, ['c']);
});

test('a Go boolean set to false is not set', t => {
  t.false(flagIsSet(parseRuncArgv(['--systemd-cgroup=false', 'state', 'c']).globals, 'systemd-cgroup'));
  t.true(flagIsSet(parseRuncArgv(['--systemd-cgroup=true', 'state', 'c']).globals, 'systemd-cgroup'));
});

test('calls with no command: features, --version', t => {
  t.is(parseRuncArgv(['features']).command, 'features');
  const version = parseRuncArgv(['--version']);
  t.is(version.command, undefined);
  t.true(flagIsSet(version.globals, 'version'));
});

test('a value flag with nothing after it is an error naming the flag', t => {
  t.throws(() => parseRuncArgv(['--root']), { message: 'flag needs an argument: --root' });
  t.throws(() => parseRuncArgv(['create', '--bundle']), { message: 'flag needs an argument: --bundle' });
});

test('update: --resources=- and per-field flags with values', t => {
  const parsed = parseRuncArgv(['update', '--resources=-', 'c']);
  t.is(flagValue(parsed.flags, 'resources'), '-');
  const perField = parseRuncArgv(['update', '--memory', '100m', '--pids-limit', '10', 'c']);
  t.is(flagValue(perField.flags, 'memory'), '100m');
  t.deepEqual(perField.positionals, ['c']);
});
