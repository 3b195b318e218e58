import test from 'ava';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRuncArgv } from '../../src/cli/argv.js';
import { descriptorHolding, passedDescriptor, readJsonDescriptor, withProcessPath } from '../../src/runtime/process-descriptor.js';

test('passedDescriptor knows /dev/fd/N and this process\'s /proc fd paths, nothing else', t => {
  t.is(passedDescriptor('/dev/fd/63', 100), 63);
  t.is(passedDescriptor('/proc/self/fd/5', 100), 5);
  t.is(passedDescriptor('/proc/thread-self/fd/7', 100), 7);
  t.is(passedDescriptor('/proc/100/fd/9', 100), 9);
  t.is(passedDescriptor('/proc/101/fd/9', 100), undefined, "another process's descriptor is a path like any other");
  for (const path of ['/tmp/process.json', '/dev/fd/63/x', '/dev/fd/', 'dev/fd/3', '/dev/fd/x']) t.is(passedDescriptor(path, 100), undefined, path);
});

test('withProcessPath rewrites --process in the caller\'s form and keeps everything else', t => {
  for (const [form, expected] of [
    [['--process', '/dev/fd/63'], ['--process', '/dev/fd/9']],
    [['-p', '/dev/fd/63'], ['-p', '/dev/fd/9']],
    [['--process=/dev/fd/63'], ['--process=/dev/fd/9']],
    [['-p=/dev/fd/63'], ['-p=/dev/fd/9']],
  ] as const) {
    const parsed = parseRuncArgv(['--root', '/r', 'exec', '--detach', ...form, '--pid-file', '/p', 'id']);
    const rewritten = withProcessPath(parsed, '/dev/fd/9');
    t.deepEqual(rewritten.flags.map(flag => flag.raw).flat(), ['--detach', ...expected, '--pid-file', '/p']);
    t.deepEqual(rewritten.positionals, ['id']);
    t.deepEqual(rewritten.globals, parsed.globals);
  }
});

test('a document read from a descriptor, and one handed on through a nameless file', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-fd-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'p.json');
  const writer = openSync(path, 'w');
  writeSync(writer, JSON.stringify({ args: ['sh'], cwd: '/' }));
  closeSync(writer);
  const reader = openSync(path, 'r');
  t.deepEqual(readJsonDescriptor(reader, '/dev/fd/N', 'process file'), { args: ['sh'], cwd: '/' });
  closeSync(reader);

  const fd = descriptorHolding({ args: ['true'], capabilities: { bounding: [] } }, dir);
  t.teardown(() => closeSync(fd));
  t.deepEqual(await readdir(dir), ['p.json'], 'the file has no name');
  t.deepEqual(JSON.parse(readFileSync(`/proc/self/fd/${fd}`, 'utf8')), { args: ['true'], capabilities: { bounding: [] } });

  const bad = openSync(path, 'w');
  writeSync(bad, 'not json');
  closeSync(bad);
  const again = openSync(path, 'r');
  t.throws(() => readJsonDescriptor(again, '/dev/fd/N', 'process file'), { message: /process file \/dev\/fd\/N is not valid JSON/ });
  closeSync(again);
});
