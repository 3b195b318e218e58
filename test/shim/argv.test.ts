import test from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseShimArgv } from '../../src/shim/argv.js';
import { readShimChoice, writeShimChoice } from '../../src/shim/record.js';

test('containerd 1.6 start: every flag, then the action', t => {
  t.deepEqual(parseShimArgv(['-namespace', 'k8s.io', '-address', '/run/containerd/containerd.sock', '-publish-binary', '/usr/bin/containerd', '-id', 'abc', 'start']), {
    namespace: 'k8s.io', address: '/run/containerd/containerd.sock', publishBinary: '/usr/bin/containerd', id: 'abc', action: 'start',
  });
});

test('delete with -bundle, -debug, and the -flag=value and --flag forms', t => {
  t.like(parseShimArgv(['--namespace=moby', '-debug', '-id=x', '-bundle', '/b', 'delete']), { namespace: 'moby', id: 'x', bundle: '/b', action: 'delete' });
});

test('flag-only calls have no action', t => {
  t.is(parseShimArgv(['-v']).action, undefined);
  t.is(parseShimArgv(['-info']).action, undefined);
});

test('the shim choice round-trips through the bundle', async t => {
  const bundle = await mkdtemp(join(tmpdir(), 'hardrun-shim-'));
  t.teardown(() => rm(bundle, { recursive: true, force: true }));
  t.is(readShimChoice(bundle), undefined);
  writeShimChoice(bundle, { shim: '/usr/bin/containerd-shim-runc-v2', backend: 'runc', rule: 'default' });
  t.deepEqual(readShimChoice(bundle), { shim: '/usr/bin/containerd-shim-runc-v2', backend: 'runc', rule: 'default' });
});
