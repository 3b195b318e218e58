import test from 'ava';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layerWrites, minimalPlaces } from '../../src/learn/layer-writes.js';
import { yamlPath } from '../../src/learn/quote.js';

/** An image layer and an upper layer, as an overlay leaves them after nginx ran. */
async function layers(t: import('ava').ExecutionContext): Promise<{ lower: string; upper: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-suggest-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const lower = join(dir, 'lower');
  const upper = join(dir, 'upper');
  for (const path of ['var/lib/nginx', 'etc/nginx', 'run', 'usr/bin']) await mkdir(join(lower, path), { recursive: true });
  await writeFile(join(lower, 'etc/nginx/nginx.conf'), 'worker_processes 1;\n');
  await symlink('/run', join(lower, 'var/run'));
  // What nginx wrote: new directories in /var/lib/nginx, a pid file in /run;
  // a changed config; the directories above them, copied up.
  for (const path of ['var/lib/nginx/body/0', 'var/lib/nginx/proxy', 'run', 'etc/nginx', 'etc/hostname-mount']) await mkdir(join(upper, path), { recursive: true });
  await writeFile(join(upper, 'var/lib/nginx/body/0/file'), '');
  await writeFile(join(upper, 'run/nginx.pid'), '7\n');
  await writeFile(join(upper, 'etc/nginx/nginx.conf'), 'worker_processes 2;\n');
  return { lower, upper };
}

test('a layer\'s writes are the directories new entries and changed files sit in; the walk goes into directories the image has', async t => {
  const { lower, upper } = await layers(t);
  const writes = layerWrites(upper, [lower], new Set(['/etc/hostname-mount']));
  t.deepEqual(writes.places, ['/etc/nginx', '/run', '/var/lib/nginx']);
  t.deepEqual(writes.examples, ['/etc/nginx/nginx.conf', '/run/nginx.pid', '/var/lib/nginx/body', '/var/lib/nginx/proxy']);
});

test('a directory no lower layer has is a write of its own: nothing beneath it is listed', async t => {
  const { upper } = await layers(t);
  const writes = layerWrites(upper, [], new Set());
  t.deepEqual(writes.places, ['/']);
  t.deepEqual(writes.examples, ['/etc', '/run', '/var']);
});

test('a directory of the image that the container made a symlink (to a host directory) is a write, never listed through', async t => {
  const { lower, upper } = await layers(t);
  const host = join(upper, '..', 'host-secrets');
  await mkdir(join(host, 'shadow-dir'), { recursive: true });
  await rm(join(upper, 'etc/nginx'), { recursive: true });
  await symlink(host, join(upper, 'etc/nginx'));
  const writes = layerWrites(upper, [lower], new Set(['/etc/hostname-mount']));
  t.deepEqual(writes.places, ['/etc', '/run', '/var/lib/nginx']);
  t.true(writes.examples.includes('/etc/nginx'));
  t.false(writes.examples.some(example => example.includes('shadow-dir')));
});

test('an image layer\'s symlink is never followed to the host to decide whether the walk goes on', async t => {
  const { lower, upper } = await layers(t);
  // One layer makes /opt a symlink to a host directory, another has /opt/app/data as a directory.
  const host = join(upper, '..', 'host-opt');
  await mkdir(join(host, 'app', 'data'), { recursive: true });
  const other = join(upper, '..', 'lower2');
  await mkdir(join(other, 'opt', 'app'), { recursive: true });
  await symlink(host, join(lower, 'opt'));
  await mkdir(join(upper, 'opt', 'app', 'data'), { recursive: true });
  await writeFile(join(upper, 'opt', 'app', 'data', 'x'), '');
  const writes = layerWrites(upper, [lower, other], new Set(['/etc/hostname-mount']));
  // /opt/app is the image's (lower2), /opt/app/data is not in any layer as a real directory: a write of its own.
  t.true(writes.places.includes('/opt/app'));
  t.true(writes.examples.includes('/opt/app/data'));
});

test('an upper layer that is not a directory (gone, or a symlink) wrote nothing that can be read', async t => {
  const { upper } = await layers(t);
  const link = `${upper}-link`;
  await symlink(upper, link);
  t.deepEqual(layerWrites(link, [], new Set()), { places: [], examples: [] });
  t.deepEqual(layerWrites(join(upper, 'missing'), [], new Set()), { places: [], examples: [] });
});

test('an empty upper layer wrote nothing', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-suggest-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  t.deepEqual(layerWrites(dir, [dir], new Set()), { places: [], examples: [] });
});

test('places beneath another place are left out; the top of the root covers nothing', t => {
  t.deepEqual(minimalPlaces(['/var/lib/nginx/body', '/var/lib/nginx', '/run', '/run', '/var/lib/nginxother']), ['/run', '/var/lib/nginx', '/var/lib/nginxother']);
  t.deepEqual(minimalPlaces(['/', '/etc']), ['/', '/etc']);
});

test('names a container made are YAML that cannot become YAML of its own: plain when plain, else quoted', t => {
  t.is(yamlPath('/var/lib/nginx'), '/var/lib/nginx');
  t.is(yamlPath('docker.io/library/nginx'), 'docker.io/library/nginx');
  t.is(yamlPath('/x] }\n  - name: evil'), JSON.stringify('/x] }\n  - name: evil'));
  t.is(yamlPath('/a, /b'), '"/a, /b"');
  t.is(yamlPath('/#c'), '"/#c"');
  t.is(yamlPath(':x'), '":x"');
});
