import test from 'ava';
import { execa } from 'execa';
import { ctr, ctrRun, importBusyboxToContainerd } from '../helpers/containerd.js';
import { dockerSuite } from '../helpers/docker-suite.js';
import { findExecutable, run } from '../helpers/dockerd.js';
import { dockerRoot, hostMountsOfHardrun, leftoverRecords, leftoverStaging, policyLauncher } from '../helpers/hardrun-docker.js';
import { launcherPath } from '../helpers/shipped.js';

/** Docker and containerd drive the shipped hardrun as they drive runc. */
const runc = findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/sbin/runc';
const runsc = findExecutable('runsc', ['/usr/sbin', '/sbin']) ?? '/usr/bin/runsc';
const suite = dockerSuite(test, async cleanup => {
  const gvisor = await policyLauncher({ defaultBackend: 'gvisor', backends: { gvisor: { path: runsc, kind: 'runsc', args: ['--network=none'] } } });
  const missing = await policyLauncher({ defaultBackend: 'gone', backends: { gone: { path: '/nonexistent/runc' } } });
  const failing = await policyLauncher({ defaultBackend: 'failing', backends: { failing: { path: `${process.cwd()}/test/fixtures/failing-runtime.sh` } } });
  for (const launcher of [gvisor, missing, failing]) cleanup(launcher.remove);
  return {
    runtimes: {
      hardrun: { path: launcherPath },
      'hardrun-gvisor': { path: gvisor.path },
      'hardrun-missing': { path: missing.path },
      'hardrun-failing': { path: failing.path },
    },
  };
});
const d = suite.daemon;
const docker = (args: string[], input?: string) => suite.docker(args, input === undefined ? {} : { input });

test('docker run prints the output and propagates the exit code', async t => {
  const result = await docker(['run', '--rm', '--runtime=hardrun', 'busybox', 'sh', '-c', 'echo hello from hardrun; exit 3']);
  t.is(result.stdout, 'hello from hardrun');
  t.is(result.exitCode, 3, result.stderr);
});

test('docker run -i passes stdin through, and -t gives a terminal', async t => {
  const piped = await docker(['run', '--rm', '-i', '--runtime=hardrun', 'busybox', 'sh', '-c', 'read line; echo "got $line"'], 'ping\n');
  t.is(piped.stdout, 'got ping', piped.stderr);
  const tty = await run('script', ['-qec', `/usr/bin/docker -H unix://${d().sock} run --rm -t --runtime=hardrun busybox sh -c "tty; stty size"`, '/dev/null'], { reject: false });
  t.regex(tty.stdout, /\/dev\/pts\/\d+/, tty.stderr);
});

test('a detached container: logs, exec, exec -t, top, pause, update, stop, rm', async t => {
  const started = await docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sh', '-c', 'echo started; sleep 600']);
  t.is(started.exitCode, 0, started.stderr);
  const id = started.stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));

  t.is((await docker(['logs', id])).stdout, 'started');
  const exec = await docker(['exec', id, 'sh', '-c', 'echo in-exec; exit 5']);
  t.is(exec.stdout, 'in-exec');
  t.is(exec.exitCode, 5);
  const execTty = await run('script', ['-qec', `/usr/bin/docker -H unix://${d().sock} exec -t ${id} tty`, '/dev/null'], { reject: false });
  t.regex(execTty.stdout, /\/dev\/pts\/\d+/, execTty.stderr);
  const top = await docker(['top', id]);
  t.regex(top.stdout, /sleep 600/, top.stderr);

  t.is((await docker(['pause', id])).exitCode, 0);
  t.is((await docker(['inspect', '-f', '{{.State.Status}}', id])).stdout, 'paused');
  t.is((await docker(['unpause', id])).exitCode, 0);
  t.is((await docker(['inspect', '-f', '{{.State.Status}}', id])).stdout, 'running');

  const update = await docker(['update', '--memory', '64m', '--memory-swap', '128m', id]);
  t.is(update.exitCode, 0, update.stderr);
  t.is((await docker(['inspect', '-f', '{{.HostConfig.Memory}}', id])).stdout, String(64 * 1024 * 1024));

  const stop = await docker(['stop', '-t', '1', id]);
  t.is(stop.exitCode, 0, stop.stderr);
  t.is((await docker(['rm', id])).exitCode, 0);
  t.deepEqual(await leftoverRecords(d()), []);
});

test('runsc as backend runs the container under gVisor, with the same lifecycle', async t => {
  const dmesg = await docker(['run', '--rm', '--runtime=hardrun-gvisor', 'busybox', 'dmesg']);
  t.is(dmesg.exitCode, 0, dmesg.stderr);
  t.regex(dmesg.stdout, /gVisor/);

  const started = await docker(['run', '-d', '--runtime=hardrun-gvisor', 'busybox', 'sh', '-c', 'echo sandboxed; sleep 600']);
  t.is(started.exitCode, 0, started.stderr);
  const id = started.stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  t.is((await docker(['logs', id])).stdout, 'sandboxed');
  const exec = await docker(['exec', id, 'sh', '-c', 'echo in-gvisor; exit 4']);
  t.is(exec.stdout, 'in-gvisor', exec.stderr);
  t.is(exec.exitCode, 4);
  // runsc's ps reports pids inside the sandbox, which docker top shows as
  // host pids: plain runsc does the same, so only the call's success is held.
  t.is((await docker(['top', id])).exitCode, 0);
  t.is((await docker(['pause', id])).exitCode, 0);
  t.is((await docker(['unpause', id])).exitCode, 0);
  t.is((await docker(['stop', '-t', '1', id])).exitCode, 0);
  t.is((await docker(['rm', id])).exitCode, 0);
  t.deepEqual(await leftoverRecords(d()), []);
});

test('features, state and ps answer byte for byte as the backend does; --version adds hardrun\'s lines before the backend\'s own', async t => {
  const features = { ours: await execa(launcherPath, ['features'], { reject: false, stripFinalNewline: false }), theirs: await execa(runc, ['features'], { reject: false, stripFinalNewline: false }) };
  t.is(features.ours.stdout, features.theirs.stdout, 'features');
  t.is(features.ours.exitCode, features.theirs.exitCode);
  const version = { ours: await execa(launcherPath, ['--version'], { reject: false, stripFinalNewline: false }), theirs: await execa(runc, ['--version'], { reject: false, stripFinalNewline: false }) };
  t.regex(version.ours.stdout, /^hardrun version \S+\ncommit: \S+\n\n/);
  t.true(version.ours.stdout.endsWith(version.theirs.stdout), 'the backend\'s lines follow, unchanged, for dockerd to parse');
  t.is(version.ours.exitCode, version.theirs.exitCode);
  const started = await docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sleep', '600']);
  const id = started.stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  const root = dockerRoot(d());
  for (const args of [['state', id], ['ps', '--format', 'json', id]]) {
    const ours = await execa(launcherPath, ['--root', root, ...args], { reject: false, stripFinalNewline: false, all: true });
    const theirs = await execa(runc, ['--root', root, ...args], { reject: false, stripFinalNewline: false, all: true });
    t.is(ours.all, theirs.all, args.join(' '));
  }
});

test('a missing backend and a failing backend surface their one-line reason, and leave no record', async t => {
  const missing = await docker(['run', '--rm', '--runtime=hardrun-missing', 'busybox', 'true']);
  t.not(missing.exitCode, 0);
  t.regex(missing.stderr, /OCI runtime create failed: backend "gone" is not installed: no executable \/nonexistent\/runc/);
  const failing = await docker(['run', '--rm', '--runtime=hardrun-failing', 'busybox', 'true']);
  t.not(failing.exitCode, 0);
  t.regex(failing.stderr, /OCI runtime create failed: failing-runtime: the backend refuses this container/);
  t.deepEqual(await leftoverRecords(d()), []);
});

test('containerd: ctr run --runc-binary hardrun runs a container and cleans up', async t => {
  await importBusyboxToContainerd(d());
  const result = await ctrRun(d(), { runcBinary: launcherPath, cmd: ['sh', '-c', 'echo via-ctr; stat -c %u:%g /etc/passwd; grep " / " /proc/self/mountinfo | grep -c overlay; exit 6'], reject: false });
  // The overlayfs snapshotter's layers are idmapped: the image's files keep their owners.
  t.is(result.stdout, 'via-ctr\n0:0\n1', result.stderr);
  t.is(result.exitCode, 6);
  t.is((await ctr(d(), ['containers', 'ls', '-q'])).stdout, '');
  t.deepEqual(await hostMountsOfHardrun(), []);
});

test('afterwards: no staging directory and no hardrun mount on the host', async t => {
  t.deepEqual(await hostMountsOfHardrun(), []);
  t.deepEqual(await leftoverStaging(d()), []);
});
