import test from 'ava';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerApiSocket, isDockerReference, rootFromShim } from '../../src/human/inspect/docker-api.js';

test('the daemon asked is DOCKER_HOST\'s unix socket, else Docker\'s default, and never a remote one', t => {
  t.deepEqual(dockerApiSocket({}), { socket: '/var/run/docker.sock' });
  t.deepEqual(dockerApiSocket({ DOCKER_HOST: 'unix:///tmp/hr-x/docker.sock' }), { socket: '/tmp/hr-x/docker.sock' });
  t.regex(dockerApiSocket({ DOCKER_HOST: 'tcp://10.0.0.1:2375' }).why ?? '', /is not a unix:\/\/ socket/);
  t.is(dockerApiSocket({ DOCKER_HOST: 'tcp://10.0.0.1:2375' }).socket, undefined);
});

test('only names and ids Docker could know are sent to the daemon', t => {
  t.true(isDockerReference('web-1'));
  t.true(isDockerReference('4f1c2a'));
  t.false(isDockerReference('../../info'));
  t.false(isDockerReference('a b'));
  t.false(isDockerReference(''));
});

test('the shim\'s working directory and options give the state directory, only when nobody else could have written them', async t => {
  const base = await mkdtemp(join(tmpdir(), 'hardrun-shim-'));
  t.teardown(() => rm(base, { recursive: true, force: true }));
  const id = 'a'.repeat(64);
  const proc = join(base, 'proc');
  const bundle = join(base, 'state', 'io.containerd.runtime.v2.task', 'moby', id);
  const root = join(base, 'exec', 'runtime-runc', 'moby');
  await mkdir(join(proc, '100'), { recursive: true });
  await mkdir(join(proc, '50'), { recursive: true });
  await mkdir(bundle, { recursive: true, mode: 0o755 });
  await mkdir(join(root, id), { recursive: true, mode: 0o755 });
  await writeFile(join(proc, '100', 'status'), 'Name:\tsleep\nPPid:\t50\n');
  await symlink(bundle, join(proc, '50', 'cwd'));
  await writeFile(join(bundle, 'options.json'), JSON.stringify({ binary_name: '/opt/hardrun/bin/hardrun', root: join(base, 'exec', 'runtime-runc') }), { mode: 0o600 });
  t.is(rootFromShim(100, id, proc), root);
  t.is(rootFromShim(100, 'b'.repeat(64), proc), undefined, 'no such container under that root');
  await chmod(join(bundle, 'options.json'), 0o666);
  t.is(rootFromShim(100, id, proc), undefined, 'options anyone could have written are not trusted');
});
