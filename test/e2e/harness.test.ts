// Proves the e2e helpers against plain runc, before any hardrun test relies on them.
import test from 'ava';
import { existsSync } from 'node:fs';
import { ctr, ctrRun, importBusyboxToContainerd } from '../helpers/containerd.js';
import { findExecutable, importBusybox, mountsUnder, startDockerd, type PrivateDocker } from '../helpers/dockerd.js';

const runc = findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/bin/runc';
let d: PrivateDocker | undefined;

function daemon(): PrivateDocker {
  if (!d) throw new Error('private dockerd did not start');
  return d;
}

test.before(async () => {
  d = await startDockerd({ runtimes: { plainrunc: { path: runc } } });
  await importBusybox(d);
  await importBusyboxToContainerd(d);
});

test.after.always(async () => {
  await d?.stop();
});

test('docker run through plain runc passes stdout and the exit code', async (t) => {
  const r = await daemon().docker(['run', '--rm', '--runtime=plainrunc', 'busybox', 'sh', '-c', 'echo hi; exit 3'], { reject: false });
  t.is(r.stdout, 'hi');
  t.is(r.exitCode, 3);
});

test('the busybox image has /tmp but no /run', async (t) => {
  const r = await daemon().docker(['run', '--rm', '--runtime=plainrunc', 'busybox', 'ls', '-d', '/tmp', '/run'], { reject: false });
  t.is(r.stdout, '/tmp');
  t.regex(r.stderr, /\/run/);
});

test('ctr run --runc-binary runs busybox through runc', async (t) => {
  const r = await ctrRun(daemon(), { runcBinary: runc, cmd: ['sh', '-c', 'echo from-ctr; exit 4'], reject: false });
  t.is(r.stdout, 'from-ctr');
  t.is(r.exitCode, 4);
  t.is((await ctr(daemon(), ['containers', 'ls', '-q'])).stdout, '');
});

test('stop() removes running containers, daemons, mounts and the directory, twice safely', async (t) => {
  const other = await startDockerd({});
  try {
    await importBusybox(other);
    await importBusyboxToContainerd(other);
    const id = (await other.docker(['run', '-d', 'busybox', 'sleep', '600'])).stdout;
    const dockerPid = Number((await other.docker(['inspect', '-f', '{{.State.Pid}}', id])).stdout);
    await ctrRun(other, { runcBinary: runc, detach: true, name: 'left-running', cmd: ['sleep', '600'] });
    const ctrPid = Number((await ctr(other, ['tasks', 'ls'])).stdout.match(/left-running\s+(\d+)/)?.[1]);
    t.true(dockerPid > 0 && ctrPid > 0);
    await other.stop();
    await other.stop();
    for (const pid of [other.pid, dockerPid, ctrPid]) t.false(existsSync(`/proc/${pid}`), `pid ${pid} still exists`);
    t.false(existsSync(other.dir));
    t.deepEqual(await mountsUnder(other.dir), []);
  } finally {
    await other.stop();
  }
});
