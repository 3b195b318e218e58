import test from 'ava';
import { dockerSuite } from '../helpers/docker-suite.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * A mount the caller asked for is never hidden by one hardrun adds: the
 * image's /var/run links to /run, so a volume at /var/run/postgresql is
 * at /run/postgresql inside, beneath hardrun's /run tmpfs, which must be
 * mounted first.
 */
const suite = dockerSuite(test, () => Promise.resolve({ runtimes: { hardrun: { path: launcherPath } } }), {
  ready: async daemon => {
    // As Debian-based images are: /var/run -> /run.
    const made = await daemon.docker(['run', '--name', 'make-runlink', 'busybox', 'sh', '-c', 'mkdir -p /run && rmdir /var/run 2>/dev/null; ln -s /run /var/run'], { reject: false });
    if (made.exitCode !== 0) throw new Error(made.stderr);
    await daemon.docker(['commit', 'make-runlink', 'runlink:latest']);
    await daemon.docker(['rm', 'make-runlink']);
  },
});
const docker = (args: string[]) => suite.docker(args);

test('a volume at /var/run/postgresql, /var/run linking to /run, is not covered by hardrun\'s /run tmpfs', async t => {
  t.teardown(() => docker(['volume', 'rm', '-f', 'pgsocket']).then(() => undefined));
  // The volume made writable for the container's mapped root, under runc.
  const prepared = await docker(['run', '--rm', '-v', 'pgsocket:/var/run/postgresql', 'runlink', 'chmod', '1777', '/var/run/postgresql']);
  t.is(prepared.exitCode, 0, prepared.stderr);
  const written = await docker(['run', '--rm', '--runtime=hardrun', '-v', 'pgsocket:/var/run/postgresql', 'runlink', 'sh', '-c',
    'echo from-hardrun > /var/run/postgresql/.s.PGSQL.5432 && grep -c " /run/postgresql " /proc/self/mountinfo && grep " /run " /proc/self/mountinfo | grep -c tmpfs']);
  t.is(written.exitCode, 0, written.stderr);
  t.deepEqual(written.stdout.split('\n'), ['1', '1'], 'inside: the volume is mounted at /run/postgresql and the tmpfs at /run');
  const seen = await docker(['run', '--rm', '-v', 'pgsocket:/data', 'busybox', 'cat', '/data/.s.PGSQL.5432']);
  t.is(seen.exitCode, 0, `another container does not find the file in the volume: ${seen.stderr}`);
  t.is(seen.stdout, 'from-hardrun');
});

test('the /run tmpfs is still there, and writable, with the volume beneath it', async t => {
  t.teardown(() => docker(['volume', 'rm', '-f', 'pgsocket2']).then(() => undefined));
  const result = await docker(['run', '--rm', '--runtime=hardrun', '-v', 'pgsocket2:/var/run/postgresql', 'runlink', 'sh', '-c',
    'echo x > /run/pid && touch /etc/x 2>/dev/null; echo $?']);
  t.is(result.exitCode, 0, result.stderr);
  t.is(result.stdout, '1', 'the root is read-only and /run writable');
});
