import test, { type ExecutionContext } from 'ava';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { dockerSuite } from '../helpers/docker-suite.js';
import { launcherPath } from '../helpers/shipped.js';
import { importServices, servicesTag } from '../helpers/services-image.js';

/**
 * Real services, built from Debian's packages with entrypoints that behave
 * like the official images' (root chowns the data directory, then drops to
 * the service user; logs go to the standard streams), each checked from
 * inside with its own client: through runc, and through hardrun under the
 * built-in policy. Every case runc runs, hardrun runs too.
 */
/** The policy docs/services.md shows for the services that need a rule, exactly as written there. */
async function documentedPolicy(): Promise<string> {
  const page = await readFile('docs/services.md', 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(page)?.[1];
  if (block === undefined) throw new Error('docs/services.md shows no policy');
  return block;
}

/** Where the suggest test writes the rules hardrun suggest printed. */
const suggestedPolicy = join(tmpdir(), `hardrun-svc-suggested-${process.pid}.yaml`);

const suite = dockerSuite(test, async cleanup => {
  cleanup(() => rm(suggestedPolicy, { force: true }));
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-svc-policy-'));
  cleanup(() => rm(dir, { recursive: true, force: true }));
  const policy = join(dir, 'policy.yaml');
  await writeFile(policy, await documentedPolicy());
  const launcher = join(dir, 'hardrun');
  await writeFile(launcher, `#!/bin/sh\nexec ${launcherPath} --policy ${policy} "$@"\n`);
  await chmod(launcher, 0o755);
  // For hardrun suggest: the read-only root audited for two images, as
  // docs/services.md shows; and the policy the test pastes its output into.
  const learning = join(dir, 'learning.yaml');
  await writeFile(learning, 'rules:\n  - name: learn\n    match: { image: [nginx, sshd] }\n    hardening:\n      rootfs: { mode: audit, learn: true }\n');
  const learner = join(dir, 'hardrun-learn');
  await writeFile(learner, `#!/bin/sh\nexec ${launcherPath} --policy ${learning} "$@"\n`);
  await chmod(learner, 0o755);
  const suggester = join(dir, 'hardrun-suggested');
  await writeFile(suggester, `#!/bin/sh\nexec ${launcherPath} --policy ${suggestedPolicy} "$@"\n`);
  await chmod(suggester, 0o755);
  return { runtimes: { hardrun: { path: launcherPath }, 'hardrun-services': { path: launcher }, 'hardrun-learn': { path: learner }, 'hardrun-suggested': { path: suggester } } };
}, {
  busybox: false,
  ready: async daemon => {
    await importServices(daemon);
    // The rules match by repository, as an operator's images are named.
    for (const name of ['nginx', 'sshd']) await daemon.docker(['tag', servicesTag, `${name}:hardrun-test`]);
  },
});
const docker = (args: string[]) => suite.docker(args, { timeout: 180_000 });
const runtimes = ['runc', 'hardrun'] as const;

interface Service {
  readonly name: string;
  /** Where its data lives, a VOLUME in the official image. */
  readonly data: string;
  /** Succeeds once it serves. */
  readonly ready: string;
  readonly write: string;
  /** Prints what `write` stored. */
  readonly read: string;
  readonly expect: RegExp;
  /** The user a `docker run --user` case runs it as, where the official image allows one. */
  readonly user?: string;
}

const services: Service[] = [
  {
    name: 'redis', data: '/data', ready: 'redis-cli ping | grep -q PONG',
    write: 'redis-cli set greeting hello >/dev/null && redis-cli save >/dev/null', read: 'redis-cli get greeting', expect: /^hello$/, user: 'redis',
  },
  {
    name: 'postgres', data: '/var/lib/postgresql/data', ready: 'pg_isready -q -h /var/run/postgresql -U postgres',
    write: 'psql -q -h /var/run/postgresql -U postgres -c "create table if not exists t (v text); insert into t values (\'hello\')"',
    read: 'psql -h /var/run/postgresql -U postgres -Atc "select v from t limit 1"', expect: /^hello$/, user: 'postgres',
  },
  {
    name: 'mariadb', data: '/var/lib/mysql', ready: 'mariadb -uroot -e "select 1" >/dev/null 2>&1',
    write: 'mariadb -uroot -e "create database if not exists d; create table if not exists d.t (v text); insert into d.t values (\'hello\')"',
    read: 'mariadb -uroot -N -e "select v from d.t limit 1"', expect: /^hello$/, user: 'mysql',
  },
  {
    name: 'memcached', data: '/tmp/unused', ready: 'printf "stats\\r\\n" | nc -N -w 2 127.0.0.1 11211 | grep -q uptime',
    write: 'printf "set greeting 0 0 5\\r\\nhello\\r\\n" | nc -N -w 2 127.0.0.1 11211 | grep -q STORED',
    read: 'printf "get greeting\\r\\n" | nc -N -w 2 127.0.0.1 11211 | tr -d "\\r" | sed -n 2p', expect: /^hello$/, user: 'memcache',
  },
  {
    name: 'python', data: '/srv/www', ready: 'curl -sf -o /dev/null http://127.0.0.1:8000/',
    write: 'echo hello > /srv/www/greeting', read: 'curl -sf http://127.0.0.1:8000/greeting', expect: /^hello$/, user: 'www-data',
  },
];

const persists = (service: Service): boolean => service.name !== 'memcached';

async function waitReady(t: ExecutionContext, id: string, service: Service, what: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if ((await docker(['exec', id, 'sh', '-c', service.ready])).exitCode === 0) return;
    const state = (await docker(['inspect', '-f', '{{.State.Status}}', id])).stdout.trim();
    if (state !== 'running') break;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const logs = await docker(['logs', '--tail', '20', id]);
  t.fail(`${what}: ${service.name} never became ready:\n${logs.stdout}\n${logs.stderr}`);
  throw new Error(`${service.name} not ready`);
}

async function start(t: ExecutionContext, runtime: string, service: Service, extra: string[], what: string): Promise<string> {
  const started = await docker(['run', '-d', `--runtime=${runtime}`, ...extra, servicesTag, service.name]);
  t.is(started.exitCode, 0, `${what}: ${started.stderr}`);
  const id = started.stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  await waitReady(t, id, service, what);
  return id;
}

async function exec(id: string, script: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return docker(['exec', id, 'sh', '-c', script]);
}

/** How long `docker stop` takes, in ms. */
async function timedStop(id: string): Promise<number> {
  const began = Date.now();
  await docker(['stop', '-t', '5', id]);
  return Date.now() - began;
}

async function scratchDir(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-svc-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

for (const service of services) {
  test(`${service.name}: a named volume, kept across docker restart; docker stop takes no longer than under runc`, async t => {
    const stops: Record<string, number> = {};
    for (const runtime of runtimes) {
      const volume = `svc-${service.name}-${runtime}-${Date.now()}`;
      t.teardown(() => docker(['volume', 'rm', '-f', volume]).then(() => undefined));
      const id = await start(t, runtime, service, ['-v', `${volume}:${service.data}`], runtime);
      const wrote = await exec(id, service.write);
      t.is(wrote.exitCode, 0, `${runtime}: ${wrote.stderr}`);
      t.regex((await exec(id, service.read)).stdout, service.expect, runtime);
      const restarted = await docker(['restart', '-t', '5', id]);
      t.is(restarted.exitCode, 0, `${runtime} restart: ${restarted.stderr}`);
      await waitReady(t, id, service, `${runtime} after restart`);
      if (persists(service)) t.regex((await exec(id, service.read)).stdout, service.expect, `${runtime}: the data survived the restart`);
      stops[runtime] = await timedStop(id);
      t.is((await docker(['inspect', '-f', '{{.State.Status}}', id])).stdout.trim(), 'exited');
    }
    t.log(`docker stop: runc ${stops['runc']} ms, hardrun ${stops['hardrun']} ms`);
    t.true(stops['hardrun']! <= stops['runc']! + 1500, `hardrun's stop took ${stops['hardrun']} ms, runc's ${stops['runc']} ms`);
  });

  test(`${service.name}: a bind mount of a directory root made, with the same owners on disk as under runc`, async t => {
    const owners: Record<string, string> = {};
    for (const runtime of runtimes) {
      const dir = await scratchDir(t);
      const id = await start(t, runtime, service, ['-v', `${dir}:${service.data}`], runtime);
      const wrote = await exec(id, service.write);
      t.is(wrote.exitCode, 0, `${runtime}: ${wrote.stderr}`);
      t.regex((await exec(id, service.read)).stdout, service.expect, runtime);
      const seen = await stat(dir);
      owners[runtime] = `${seen.uid}:${seen.gid}`;
    }
    t.is(owners['hardrun'], owners['runc'], 'the entrypoint\'s chown lands on disk as under runc');
  });

  if (persists(service)) {
    test(`${service.name}: data written under runc is read and changed under hardrun, and read again under runc`, async t => {
      const volume = `svc-${service.name}-moves-${Date.now()}`;
      t.teardown(() => docker(['volume', 'rm', '-f', volume]).then(() => undefined));
      const first = await start(t, 'runc', service, ['-v', `${volume}:${service.data}`], 'runc first');
      t.is((await exec(first, service.write)).exitCode, 0);
      await timedStop(first);
      const second = await start(t, 'hardrun', service, ['-v', `${volume}:${service.data}`], 'hardrun next');
      t.regex((await exec(second, service.read)).stdout, service.expect, 'hardrun reads what runc wrote');
      const again = await exec(second, service.write);
      t.is(again.exitCode, 0, `hardrun writes there too: ${again.stderr}`);
      await timedStop(second);
      const third = await start(t, 'runc', service, ['-v', `${volume}:${service.data}`], 'runc again');
      t.regex((await exec(third, service.read)).stdout, service.expect, 'runc reads it back');
    });
  }

  if (service.user !== undefined) {
    test(`${service.name}: docker run --user ${service.user}`, async t => {
      for (const runtime of runtimes) {
        const id = await start(t, runtime, service, ['--user', service.user!], `${runtime} --user`);
        const probe = service.name === 'python' ? 'echo hello > /tmp/greeting && curl -sf http://127.0.0.1:8000/ >/dev/null && echo hello' : `${service.write.replace(' && redis-cli save >/dev/null', '')} && ${service.read}`;
        t.regex((await exec(id, probe)).stdout, service.expect, runtime);
        t.is((await exec(id, 'ps -o user= -p 1 | tr -d " "')).stdout, service.user!, `${runtime}: runs as ${service.user}`);
      }
    });
  }
}

test('nginx: the read-only root stops it (its log says where), and the documented image rule runs it with the root still read-only', async t => {
  const page = 'curl -sf http://127.0.0.1/ | grep -o "Welcome to nginx" | head -1';
  const underRunc = await start(t, 'runc', { name: 'nginx', data: '', ready: page, write: '', read: '', expect: /x/ }, [], 'runc');
  t.is((await exec(underRunc, page)).stdout, 'Welcome to nginx');

  const refused = await docker(['run', '-d', '--runtime=hardrun', 'nginx:hardrun-test', 'nginx']);
  t.teardown(() => docker(['rm', '-f', refused.stdout.trim()]).then(() => undefined));
  await new Promise(resolve => setTimeout(resolve, 1500));
  const logs = await docker(['logs', refused.stdout.trim()]);
  t.regex(logs.stderr, /\/var\/lib\/nginx\/body" failed \(30: Read-only file system\)/);

  const id = (await docker(['run', '-d', '--runtime=hardrun-services', 'nginx:hardrun-test', 'nginx'])).stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  await waitReady(t, id, { name: 'nginx', data: '', ready: page, write: '', read: '', expect: /x/ }, 'hardrun with the rule');
  t.is((await exec(id, page)).stdout, 'Welcome to nginx');
  t.regex((await exec(id, 'touch /etc/x 2>&1 || true')).stdout, /Read-only file system/, 'the root stays read-only');
  const accessLog = await docker(['logs', id]);
  t.regex(accessLog.stdout, /"GET \/ HTTP\/1\.1" 200/, 'its access log reaches docker logs through /dev/stdout');
});

test('sshd: the capability allowlist drops its connections (its log says so), and the documented image rule lets a client log in with its host keys', async t => {
  const args = ['-o', 'AuthorizedKeysFile=/tmp/authorized_keys', '-o', 'StrictModes=no'];
  const login = 'ssh -q -i /tmp/id -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes root@127.0.0.1 echo logged-in';
  const keys = 'ssh-keygen -q -t ed25519 -N "" -f /tmp/id && cp /tmp/id.pub /tmp/authorized_keys';
  const results: Record<string, string> = {};
  for (const runtime of ['runc', 'hardrun', 'hardrun-services']) {
    const started = await docker(['run', '-d', `--runtime=${runtime}`, 'sshd:hardrun-test', 'sshd', ...args]);
    t.is(started.exitCode, 0, started.stderr);
    const id = started.stdout.trim();
    t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
    await waitReady(t, id, { name: 'sshd', data: '', ready: 'nc -z 127.0.0.1 22', write: '', read: '', expect: /x/ }, runtime);
    t.is((await exec(id, keys)).exitCode, 0);
    results[runtime] = (await exec(id, login)).stdout;
    if (runtime === 'hardrun') t.regex((await docker(['logs', id])).stderr, /chroot\("\/run\/sshd"\): Operation not permitted/);
    const hostKey = await exec(id, 'stat -c "%u %a" /etc/ssh/ssh_host_ed25519_key');
    t.is(hostKey.stdout, '0 600', `${runtime}: the host key is root's, as sshd demands`);
  }
  t.deepEqual(results, { runc: 'logged-in', hardrun: '', 'hardrun-services': 'logged-in' });
});

/** tracefs where systemd mounts it, mounted for the test when the host has not. */
async function withTracefs(t: ExecutionContext): Promise<void> {
  if (existsSync('/sys/kernel/tracing/instances')) return;
  await execa('mount', ['-t', 'tracefs', 'tracefs', '/sys/kernel/tracing']);
  t.teardown(() => execa('umount', ['/sys/kernel/tracing']).then(() => undefined));
}

test('hardrun suggest: nginx and sshd run once with the read-only root audited; the rules it prints, pasted, run both with the root read-only', async t => {
  await withTracefs(t);
  const page = 'curl -sf http://127.0.0.1/ | grep -o "Welcome to nginx" | head -1';
  const nginx: Service = { name: 'nginx', data: '', ready: page, write: '', read: '', expect: /x/ };
  const sshdArgs = ['-o', 'AuthorizedKeysFile=/tmp/authorized_keys', '-o', 'StrictModes=no'];
  const sshd: Service = { name: 'sshd', data: '', ready: 'nc -z 127.0.0.1 22', write: '', read: '', expect: /x/ };
  const keys = 'ssh-keygen -q -t ed25519 -N "" -f /tmp/id && cp /tmp/id.pub /tmp/authorized_keys';
  const login = 'ssh -q -i /tmp/id -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes root@127.0.0.1 echo logged-in';
  const runsWith = async (runtime: string, image: string, service: Service, args: string[] = []): Promise<string> => {
    const started = await docker(['run', '-d', `--runtime=${runtime}`, image, service.name, ...args]);
    t.is(started.exitCode, 0, started.stderr);
    const id = started.stdout.trim();
    t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
    await waitReady(t, id, service, `${service.name} under ${runtime}`);
    return id;
  };
  const root = `${suite.daemon().execRoot}/runtime-runc/moby`;
  const suggest = async (id: string): Promise<string> => {
    const result = await execa(launcherPath, ['suggest', id, '--root', root], { reject: false });
    t.is(result.exitCode, 0, result.stderr);
    t.log(result.stdout);
    return result.stdout;
  };

  const learningNginx = await runsWith('hardrun-learn', 'nginx:hardrun-test', nginx);
  t.is((await exec(learningNginx, page)).stdout, 'Welcome to nginx', 'with its root audited, nginx serves');
  const forNginx = await suggest(learningNginx);
  t.regex(forNginx, /# it wrote: .*\/var\/lib\/nginx\/body/);
  t.regex(forNginx, /match: \{ image: \[docker\.io\/library\/nginx\] \}/);
  t.notRegex(forNginx, /capabilities:/, 'nginx was refused no capability');
  // What a docker exec into it is refused counts too (and is left out of the rule pasted below).
  t.not((await exec(learningNginx, 'chroot / true')).exitCode, 0, 'chroot needs CAP_SYS_CHROOT, which the allowlist lacks');
  t.regex(await suggest(learningNginx), /# it was refused CAP_SYS_CHROOT \([^)]*chroot[^)]*\), which the allowlist lacks/);

  const learningSshd = await runsWith('hardrun-learn', 'sshd:hardrun-test', sshd, sshdArgs);
  t.is((await exec(learningSshd, keys)).exitCode, 0);
  t.is((await exec(learningSshd, login)).stdout, '', 'the allowlist still drops its connections');
  const forSshd = await suggest(learningSshd);
  t.regex(forSshd, /# it was refused CAP_SYS_CHROOT \([^)]*sshd[^)]*\), which the allowlist lacks/);

  // Pasted as they are printed: the YAML of both, one policy.
  const rules = (text: string): string => text.split('\n').filter(line => !line.startsWith('#') && line !== 'rules:').join('\n');
  await writeFile(suggestedPolicy, `rules:\n${rules(forNginx)}\n${rules(forSshd)}\n`);

  const hardenedNginx = await runsWith('hardrun-suggested', 'nginx:hardrun-test', nginx);
  t.is((await exec(hardenedNginx, page)).stdout, 'Welcome to nginx');
  t.regex((await exec(hardenedNginx, 'touch /etc/x 2>&1 || true')).stdout, /Read-only file system/, 'nginx: the root is read-only');
  const hardenedSshd = await runsWith('hardrun-suggested', 'sshd:hardrun-test', sshd, sshdArgs);
  t.is((await exec(hardenedSshd, keys)).exitCode, 0);
  t.is((await exec(hardenedSshd, login)).stdout, 'logged-in', 'with the suggested capabilities, a client logs in');
  t.regex((await exec(hardenedSshd, 'touch /etc/x 2>&1 || true')).stdout, /Read-only file system/, 'sshd: the root is read-only');
});
