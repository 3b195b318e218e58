import test from 'ava';
import { dockerSuite } from '../helpers/docker-suite.js';
import { leftoverRecords } from '../helpers/hardrun-docker.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * Docker's way of sharing a container's namespaces (`--network
 * container:X`) is judged as a pod's: joining a container hardrun did not
 * create is refused with the sentence. (Joining a hardrun container's is
 * refused too, today, by another check: Docker binds X's resolv.conf,
 * hosts and hostname from its data root.)
 */
const suite = dockerSuite(test, () => Promise.resolve({ runtimes: { hardrun: { path: launcherPath } } }));
const docker = (args: string[]) => suite.docker(args);

test.after.always(async () => {
  await docker(['rm', '-f', 'plain']);
});

test('--network container:X of a container hardrun did not create is refused with the sentence', async t => {
  t.is((await docker(['run', '-d', '--runtime', 'runc', '--name', 'plain', 'busybox', 'sleep', '1000'])).exitCode, 0);
  const refused = await docker(['run', '--rm', '--runtime', 'hardrun', '--network', 'container:plain', 'busybox', 'true']);
  t.not(refused.exitCode, 0);
  t.regex(refused.stderr, /hardrun refused this container: .*linux\.namespaces: the network namespace \/proc\/\d+\/ns\/net belongs to a process in the host's user namespace, not to a container of hardrun's \(.*set hardening\.userNamespace\.mode to off for both\)/);
  await docker(['rm', '-f', 'plain']);
  t.deepEqual(await leftoverRecords(suite.daemon()), []);
});
