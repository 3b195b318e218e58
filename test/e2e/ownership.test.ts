import test from 'ava';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerSuite } from '../helpers/docker-suite.js';
import { hostMountsOfHardrun, leftoverRecords, leftoverStaging, policyLauncher } from '../helpers/hardrun-docker.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * The user namespace keeps file ownership under Docker 20.10's overlay2:
 * proven from inside the containers (stat, writes, uid_map) and from the
 * host (owners on disk, /proc/PID/status and uid_map, mountinfo).
 */
const suite = dockerSuite(test, async cleanup => {
  const writable = await policyLauncher({ hardening: { rootfs: { mode: 'off' } } });
  cleanup(writable.remove);
  return { runtimes: { hardrun: { path: launcherPath }, 'hardrun-writable': { path: writable.path } } };
}, {
  // An image with a service user's 0700 directory, built under runc as an
  // image author would (docker commit of a container that chowned it).
  ready: async daemon => {
    await daemon.docker(['run', '--name', 'author', 'busybox', 'sh', '-c', 'mkdir -p /srv/svc && echo secret > /srv/svc/key && chown -R 1000:1000 /srv/svc && chmod 700 /srv/svc']);
    await daemon.docker(['commit', 'author', 'withuser']);
    await daemon.docker(['rm', 'author']);
  },
});
const docker = (args: string[]) => suite.docker(args);
const hardrun = (...args: string[]) => docker(['run', '--rm', '--runtime=hardrun', ...args]);

async function idmappedOnHost(): Promise<string[]> {
  return (await readFile('/proc/self/mountinfo', 'utf8')).split('\n').filter(line => /\bidmapped\b/.test(line.split(' - ')[0] ?? ''));
}

async function scratchDir(t: import('ava').ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-own-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test("image files keep their owners; a service user reads its own 0700 directory; docker exec sees the same", async t => {
  const root = await hardrun('withuser', 'sh', '-c', 'stat -c "%u:%g %n" /etc/passwd /bin/busybox /srv/svc /srv/svc/key; cat /proc/self/uid_map');
  t.is(root.exitCode, 0, root.stderr);
  const lines = root.stdout.split('\n');
  t.deepEqual(lines.slice(0, 4), ['0:0 /etc/passwd', '0:0 /bin/busybox', '1000:1000 /srv/svc', '1000:1000 /srv/svc/key']);
  t.regex(lines[4] ?? '', /^\s*0\s+[1-9]\d+\s+65536$/, 'and root is mapped away from host root');
  const user = await hardrun('--user', '1000', 'withuser', 'cat', '/srv/svc/key');
  t.is(user.exitCode, 0, user.stderr);
  t.is(user.stdout, 'secret');

  const id = (await docker(['run', '-d', '--runtime=hardrun', 'withuser', 'sleep', '300'])).stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  const asRoot = await docker(['exec', id, 'stat', '-c', '%u:%g', '/etc/passwd', '/srv/svc']);
  t.is(asRoot.stdout, '0:0\n1000:1000');
  const asUser = await docker(['exec', '--user', '1000', id, 'sh', '-c', 'id -u; cat /srv/svc/key; echo x > /srv/svc/new 2>&1 || echo read-only']);
  t.is(asUser.stdout, '1000\nsecret\nread-only');
});

test('a named volume: container root writes and chowns; the host sees ordinary owners; data moves between runc and hardrun both ways', async t => {
  const volume = `own-${Date.now()}`;
  t.teardown(() => docker(['volume', 'rm', '-f', volume]).then(() => undefined));
  const first = await hardrun('-v', `${volume}:/data`, 'busybox', 'sh', '-c', 'echo root > /data/by-root && echo svc > /data/by-svc && chown 100:100 /data/by-svc && ls -ln /data');
  t.is(first.exitCode, 0, first.stderr);
  const mountpoint = (await docker(['volume', 'inspect', '-f', '{{.Mountpoint}}', volume])).stdout.trim();
  const [byRoot, bySvc] = await Promise.all([stat(join(mountpoint, 'by-root')), stat(join(mountpoint, 'by-svc'))]);
  t.deepEqual([byRoot.uid, byRoot.gid], [0, 0], 'what container root wrote is owned by uid 0 on the host');
  t.deepEqual([bySvc.uid, bySvc.gid], [100, 100], 'a chown 100:100 inside shows 100:100 on the host');

  const underRunc = await docker(['run', '--rm', '--runtime=runc', '-v', `${volume}:/data`, 'busybox', 'sh', '-c', 'cat /data/by-root /data/by-svc && echo runc > /data/by-runc && chmod 600 /data/by-runc']);
  t.is(underRunc.stdout, 'root\nsvc', underRunc.stderr);
  const back = await hardrun('-v', `${volume}:/data`, 'busybox', 'sh', '-c', 'cat /data/by-runc && stat -c %u:%a /data/by-runc && echo again >> /data/by-runc');
  t.is(back.exitCode, 0, back.stderr);
  t.is(back.stdout, 'runc\n0:600', 'a 0600 file runc wrote is container root\'s under hardrun');
});

test("a bind of the host's own programs or logs is not idmapped: container root stays nobody there", async t => {
  const result = await hardrun('-v', '/usr:/hostusr', 'busybox', 'sh', '-c', 'stat -c %u /hostusr/bin; touch /hostusr/hardrun-own-test 2>&1; grep " /hostusr " /proc/self/mountinfo');
  t.regex(result.stdout, /^65534$/m, 'host-root files show as nobody');
  t.regex(result.stdout, /Permission denied/);
  t.notRegex(result.stdout, /idmapped/);
  await rm('/usr/hardrun-own-test', { force: true });
});

test('a root-made bind directory behaves as under runc, with nosuid,nodev added', async t => {
  const dir = await scratchDir(t);
  const result = await hardrun('-v', `${dir}:/b`, 'busybox', 'sh', '-c', 'echo x > /b/x && chown 100:100 /b/x && mkdir /b/d && grep " /b " /proc/self/mountinfo');
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /\bnosuid\b/);
  t.regex(result.stdout, /\bnodev\b/);
  const [file, sub] = await Promise.all([stat(join(dir, 'x')), stat(join(dir, 'd'))]);
  t.deepEqual([file.uid, file.gid, sub.uid], [100, 100, 0]);
});

test('a volume shared by two running containers: each writes, each reads the other', async t => {
  const volume = `shared-${Date.now()}`;
  const ids: string[] = [];
  t.teardown(async () => {
    await docker(['rm', '-f', ...ids]);
    await docker(['volume', 'rm', '-f', volume]);
  });
  for (const name of ['a', 'b']) {
    const started = await docker(['run', '-d', '--runtime=hardrun', '-v', `${volume}:/s`, 'busybox', 'sh', '-c', `echo ${name} > /s/${name}; sleep 300`]);
    t.is(started.exitCode, 0, started.stderr);
    ids.push(started.stdout.trim());
  }
  const seen = await docker(['exec', ids[0]!, 'sh', '-c', 'sleep 1; cat /s/a /s/b; echo more >> /s/b && echo appended']);
  t.is(seen.stdout, 'a\nb\nappended', seen.stderr);
});

test('standard streams: /dev/stdout and /dev/stderr reach docker logs, with and without -t, and from docker exec', async t => {
  const script = 'echo out > /dev/stdout; echo err > /dev/stderr; echo done';
  const plain = (await docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sh', '-c', `${script}; sleep 300`])).stdout.trim();
  const tty = (await docker(['run', '-d', '-t', '--runtime=hardrun', 'busybox', 'sh', '-c', `${script}; sleep 300`])).stdout.trim();
  t.teardown(() => docker(['rm', '-f', plain, tty]).then(() => undefined));
  await new Promise(resolve => setTimeout(resolve, 1000));
  const logs = await docker(['logs', plain]);
  t.is(logs.stdout, 'out\ndone');
  t.is(logs.stderr, 'err');
  const ttyLogs = await docker(['logs', tty]);
  t.is(ttyLogs.stdout.replace(/\r/g, ''), 'out\nerr\ndone');
  const exec = await docker(['exec', plain, 'sh', '-c', 'echo via-exec > /dev/stdout; echo exec-err > /dev/stderr']);
  t.is(exec.stdout, 'via-exec');
  t.is(exec.stderr, 'exec-err');
});

test('each container has host ids of its own, disjoint from every other live container, never host root; nothing mounted on the host; claims go with the container', async t => {
  const before = await idmappedOnHost();
  const started = await Promise.all(Array.from({ length: 8 }, () => docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sleep', '300'])));
  const ids = started.map(result => result.stdout.trim());
  t.teardown(() => docker(['rm', '-f', ...ids]).then(() => undefined));
  t.true(started.every(result => result.exitCode === 0), started.map(result => result.stderr).join('\n'));
  const ranges: [number, number][] = [];
  for (const id of ids) {
    const pid = (await docker(['inspect', '-f', '{{.State.Pid}}', id])).stdout.trim();
    const [inside, outside, size] = (await readFile(`/proc/${pid}/uid_map`, 'utf8')).trim().split(/\s+/).map(Number);
    t.deepEqual([inside, size], [0, 65536]);
    const uid = /^Uid:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1];
    t.is(Number(uid), outside ?? -1, 'container root runs as the first uid of its range on the host');
    t.not(outside, 0);
    ranges.push([outside!, outside! + size!]);
  }
  for (const [index, [start, end]] of ranges.entries()) {
    for (const [other, [otherStart, otherEnd]] of ranges.entries()) {
      if (index !== other) t.false(start < otherEnd && otherStart < end, `ranges ${start} and ${otherStart} overlap`);
    }
  }
  const claims = await readdir('/run/hardrun/ids');
  for (const [start] of ranges) t.true(claims.includes(String(start)), `slot ${start} is claimed`);
  t.deepEqual(await hostMountsOfHardrun(), [], 'no staging mount on the host');
  t.deepEqual(await idmappedOnHost(), before, 'no idmapped mount on the host');

  await docker(['rm', '-f', ...ids]);
  const after = await readdir('/run/hardrun/ids');
  for (const [start] of ranges) t.false(after.includes(String(start)), `slot ${start} is freed`);
  t.deepEqual(await leftoverRecords(suite.daemon()), []);
  t.deepEqual(await leftoverStaging(suite.daemon()), []);
  t.deepEqual(await idmappedOnHost(), before);
});

test('docker restart keeps working: a new create gets ids again, and the container still sees its files as their owners', async t => {
  const volume = `restart-${Date.now()}`;
  const id = (await docker(['run', '-d', '--runtime=hardrun', '-v', `${volume}:/d`, 'busybox', 'sh', '-c', 'echo $$ >> /d/runs; stat -c %u /etc/passwd >> /d/runs; sleep 300'])).stdout.trim();
  t.teardown(async () => {
    await docker(['rm', '-f', id]);
    await docker(['volume', 'rm', '-f', volume]);
  });
  const restarted = await docker(['restart', '-t', '1', id]);
  t.is(restarted.exitCode, 0, restarted.stderr);
  await new Promise(resolve => setTimeout(resolve, 500));
  const runs = await docker(['exec', id, 'cat', '/d/runs']);
  t.is(runs.stdout.split('\n').filter(line => line === '0').length, 2, runs.stdout);
});

test("a file bind is idmapped too: a root-owned host file is root's inside", async t => {
  const dir = await scratchDir(t);
  await writeFile(join(dir, 'conf'), 'conf\n');
  const result = await hardrun('-v', `${join(dir, 'conf')}:/etc/app.conf:ro`, 'busybox', 'sh', '-c', 'stat -c %u /etc/app.conf; cat /etc/app.conf');
  t.is(result.exitCode, 0, result.stderr);
  t.is(result.stdout, '0\nconf');
});

test('a writable root (the read-only root off): container root changes image files it owns, keeps what it wrote across a restart, and the image layer stays as it was', async t => {
  const id = (await docker(['run', '-d', '--runtime=hardrun-writable', 'withuser', 'sh', '-c', 'echo changed >> /etc/passwd; mkdir -p /var/new && echo made > /var/new/file; sleep 300'])).stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  t.truthy(id);
  await new Promise(resolve => setTimeout(resolve, 500));
  const seen = await docker(['exec', id, 'sh', '-c', 'tail -1 /etc/passwd; stat -c %u:%g /etc/passwd /var/new/file /srv/svc; touch / && echo root-writable']);
  t.is(seen.stdout, 'changed\n0:0\n0:0\n1000:1000\nroot-writable', seen.stderr);
  t.is((await docker(['restart', '-t', '1', id])).exitCode, 0);
  await new Promise(resolve => setTimeout(resolve, 500));
  const again = await docker(['exec', id, 'sh', '-c', 'cat /var/new/file; stat -c %u /var/new/file']);
  t.is(again.stdout, 'made\n0', 'what it wrote survived the restart, still its own: the restart got the same host ids back');
  const fresh = await hardrun('withuser', 'grep', '-c', 'changed', '/etc/passwd');
  t.is(fresh.stdout, '0', 'the image itself is unchanged');
});
