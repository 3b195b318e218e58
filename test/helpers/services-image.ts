import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dockerBin, type PrivateDocker } from './dockerd.js';

/**
 * A Debian image of real services, built with debootstrap from Debian's
 * packages (what .ci/run installs), with an entrypoint that does what the
 * official images' do: as root, it makes the data directory the service
 * user's, then drops to that user with gosu; the service logs to its
 * standard streams. Built once and kept as a tarball under
 * /var/cache/hardrun-test, named by the hash of what goes into it.
 */
const packages = [
  'redis-server', 'redis-tools', 'postgresql', 'postgresql-client', 'mariadb-server', 'mariadb-client',
  'memcached', 'python3', 'nginx-light', 'openssh-server', 'curl', 'gosu', 'netcat-openbsd', 'procps',
];

const entrypoint = `#!/bin/sh
# What the official images' entrypoints do: as root, give the data
# directory to the service user, then become that user; as anyone else, run.
set -e
service=$1
shift
as() {
	user=$1
	shift
	if [ "$(id -u)" = 0 ]; then exec gosu "$user" "$@"; fi
	exec "$@"
}
case $service in
redis)
	if [ "$(id -u)" = 0 ]; then find /data \\! -user redis -exec chown redis:redis '{}' +; fi
	cd /data
	as redis redis-server --dir /data --bind 0.0.0.0 --protected-mode no "$@"
	;;
postgres)
	export PGDATA=/var/lib/postgresql/data
	if [ "$(id -u)" = 0 ]; then
		mkdir -p "$PGDATA" /var/run/postgresql
		chown -R postgres:postgres "$PGDATA" /var/run/postgresql
		chmod 700 "$PGDATA"
		chmod 2777 /var/run/postgresql
		exec gosu postgres "$0" postgres "$@"
	fi
	mkdir -p "$PGDATA"
	chmod 700 "$PGDATA" || :
	mkdir -p /var/run/postgresql || :
	chmod 3775 /var/run/postgresql || :
	if [ ! -s "$PGDATA/PG_VERSION" ]; then
		/usr/lib/postgresql/15/bin/initdb -D "$PGDATA" -U postgres --auth=trust >/dev/null
	fi
	exec /usr/lib/postgresql/15/bin/postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql "$@"
	;;
mariadb)
	if [ "$(id -u)" = 0 ]; then
		mkdir -p /var/lib/mysql /run/mysqld
		chown -R mysql:mysql /var/lib/mysql /run/mysqld
		exec gosu mysql "$0" mariadb "$@"
	fi
	if [ ! -d /var/lib/mysql/mysql ]; then
		mariadb-install-db --datadir=/var/lib/mysql --auth-root-authentication-method=normal --skip-test-db >/dev/null
	fi
	exec mariadbd --datadir=/var/lib/mysql --socket=/run/mysqld/mysqld.sock --bind-address=0.0.0.0 --log-error= "$@"
	;;
memcached)
	as memcache memcached "$@"
	;;
python)
	cd /srv/www
	exec python3 -m http.server 8000 "$@"
	;;
nginx)
	exec nginx -g 'daemon off;' "$@"
	;;
sshd)
	mkdir -p /run/sshd
	exec /usr/sbin/sshd -D -e "$@"
	;;
*)
	exec "$service" "$@"
	;;
esac
`;

/** What the image is made of; its hash names the cached tarball. */
const recipe = JSON.stringify({ suite: 'bookworm', variant: 'minbase', packages, entrypoint, version: 3 });

export const servicesTag = 'services:hardrun-test';
const cacheDir = '/var/cache/hardrun-test';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** The tarball of the image, built when it is not cached yet. */
export async function servicesTarball(): Promise<string> {
  const name = `services-${createHash('sha256').update(recipe).digest('hex').slice(0, 16)}.tar`;
  const cached = join(cacheDir, name);
  if (await exists(cached)) return cached;
  await mkdir(cacheDir, { recursive: true });
  const scratch = await mkdtemp(join(cacheDir, 'build-'));
  try {
    const rootfs = join(scratch, 'rootfs');
    const sources = await readFile('/etc/apt/sources.list.d/debian.sources', 'utf8').catch(() => '');
    const mirror = /^URIs:\s*(\S+)/m.exec(sources)?.[1] ?? 'http://deb.debian.org/debian';
    await execa('debootstrap', ['--variant=minbase', `--include=${packages.join(',')}`, 'bookworm', rootfs, mirror], { timeout: 1_200_000 });
    // What the packages' installs left that an image does not carry: their
    // clusters and databases (the entrypoints make them), caches and docs.
    for (const path of ['var/lib/postgresql/15', 'var/lib/mysql', 'var/cache/apt', 'var/lib/apt/lists', 'usr/share/doc', 'usr/share/man', 'usr/share/locale']) {
      await rm(join(rootfs, path), { recursive: true, force: true });
    }
    // The data directories the official images make, each its service user's.
    // The data and socket directories the official images make, each its
    // service user's, so that `--user` runs as it does from those images.
    for (const [path, owner, mode] of [
      ['data', 'redis:redis', '755'],
      ['var/lib/postgresql/data', 'postgres:postgres', '1777'],
      ['run/postgresql', 'postgres:postgres', '3777'],
      ['var/lib/mysql', 'mysql:mysql', '755'],
      ['run/mysqld', 'mysql:mysql', '777'],
    ] as const) {
      await mkdir(join(rootfs, path), { recursive: true });
      await execa('chroot', [rootfs, 'chown', owner, `/${path}`]);
      await execa('chroot', [rootfs, 'chmod', mode, `/${path}`]);
    }
    await mkdir(join(rootfs, 'srv/www'), { recursive: true });
    await writeFile(join(rootfs, 'usr/local/bin/docker-entrypoint'), entrypoint);
    await chmod(join(rootfs, 'usr/local/bin/docker-entrypoint'), 0o755);
    // As the official nginx image: its logs are the container's streams.
    await rm(join(rootfs, 'var/log/nginx/access.log'), { force: true });
    await rm(join(rootfs, 'var/log/nginx/error.log'), { force: true });
    await execa('ln', ['-s', '/dev/stdout', join(rootfs, 'var/log/nginx/access.log')]);
    await execa('ln', ['-s', '/dev/stderr', join(rootfs, 'var/log/nginx/error.log')]);
    const partial = join(scratch, 'image.tar');
    await execa('tar', ['-C', rootfs, '--numeric-owner', '-cf', partial, '.'], { timeout: 600_000 });
    await rename(partial, cached);
    return cached;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Imports the services image into a private dockerd, with its entrypoint. */
export async function importServices(d: PrivateDocker): Promise<void> {
  const tarball = await servicesTarball();
  // The official images declare their data directories as volumes.
  const volumes = ['VOLUME ["/data", "/var/lib/postgresql/data", "/var/lib/mysql"]'];
  await execa(dockerBin, ['-H', `unix://${d.sock}`, 'import', '--change', 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint"]', ...volumes.flatMap(change => ['--change', change]), tarball, servicesTag], { timeout: 600_000 });
}
