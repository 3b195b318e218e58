import test from 'ava';
import { execa } from 'execa';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTools } from '../helpers/package-tools.js';
import { debPath, nativeArch } from '../helpers/packages.js';

/**
 * apt-get remove changes no daemon's configuration, and says how to undo
 * `hardrun setup` when Docker or containerd still names the package's files.
 * The package's own postrm runs with a daemon.json and a containerd config
 * of the test's laid over /etc, in a mount namespace of its own.
 */
interface Place {
  readonly dir: string;
  readonly postrm: string;
  readonly etc: string;
}

async function makePlace(daemonJson: object, containerdToml: string): Promise<Place> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-postrm-'));
  try {
    await execa('dpkg-deb', ['-e', debPath(nativeArch), join(dir, 'DEBIAN')]);
    const etc = join(dir, 'etc');
    await mkdir(join(etc, 'docker'), { recursive: true });
    await mkdir(join(etc, 'containerd'));
    await writeFile(join(etc, 'docker/daemon.json'), JSON.stringify(daemonJson, null, 2));
    await writeFile(join(etc, 'containerd/config.toml'), containerdToml);
    return { dir, postrm: join(dir, 'DEBIAN/postrm'), etc };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function runPostrm(place: Place, action: string) {
  const script = 'mount -t overlay hardrun-etc -o "lowerdir=$1:/etc" /etc || exit 125; exec "$2" "$3"';
  return execa('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', place.etc, place.postrm, action], { reject: false, stdin: 'ignore' });
}

const snapshot = async (place: Place) => [await readFile(join(place.etc, 'docker/daemon.json'), 'utf8'), await readFile(join(place.etc, 'containerd/config.toml'), 'utf8')];

test.before(async () => ensureTools(['dpkg-deb', 'unshare']));

test('removing the package while Docker and containerd still name it says how to undo setup, and changes nothing', async t => {
  const place = await makePlace(
    { 'runtimes': { hardrun: { path: '/usr/bin/hardrun' } }, 'default-runtime': 'hardrun' },
    'version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.hardrun.options]\n  BinaryName = "/usr/bin/hardrun"\n',
  );
  t.teardown(() => rm(place.dir, { recursive: true, force: true }));
  const before = await snapshot(place);
  const result = await runPostrm(place, 'remove');
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stderr, /\/etc\/docker\/daemon\.json still registers \/usr\/bin\/hardrun/);
  t.regex(result.stderr, /hardrun setup docker --remove/);
  t.regex(result.stderr, /containerd's configuration still names hardrun[^]*\/etc\/containerd\/config\.toml[^]*hardrun setup containerd --remove/);
  t.deepEqual(await snapshot(place), before);
});

test('removing it says nothing when hardrun is registered from another place or not at all, and an upgrade says nothing', async t => {
  const place = await makePlace({ runtimes: { hardrun: { path: '/opt/hardrun/bin/hardrun' } } }, 'version = 2\n');
  t.teardown(() => rm(place.dir, { recursive: true, force: true }));
  for (const action of ['remove', 'purge', 'upgrade']) {
    const result = await runPostrm(place, action);
    t.is(result.exitCode, 0, `${action}: ${result.stderr}`);
    t.is(result.stderr, '', action);
  }
  const registered = await makePlace({ runtimes: { hardrun: { path: '/usr/bin/hardrun' } } }, 'version = 2\n');
  t.teardown(() => rm(registered.dir, { recursive: true, force: true }));
  t.is((await runPostrm(registered, 'upgrade')).stderr, '', 'an upgrade keeps /usr/bin/hardrun');
});
