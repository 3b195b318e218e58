import test, { type ExecutionContext } from 'ava';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { refusedPrefix } from '../fixtures/escapes/corpus.js';
import { dockerSuite } from '../helpers/docker-suite.js';
import { importServices, servicesTag } from '../helpers/services-image.js';
import { runHardrun } from '../helpers/shipped.js';

/**
 * A host moved from runc to enforcement without an outage, as
 * docs/rollout.md tells an operator to: the seven real services run under
 * the watch-only policy with learning (`setup docker --default --learn`),
 * each used through its client and then removed, which leaves one record of
 * what it needed in the audit log; `hardrun report` over that log prints
 * their rules and writes the policy; under enforcement with that policy
 * (`setup docker --default --policy FILE`) all seven run hardened and
 * answer their clients, and `--privileged` is still refused. The daemon
 * reads the host's policy where HARDRUN_POLICY says (a temporary file
 * standing for /etc/hardrun/policy.yaml).
 */
let dir = '';
const suite = dockerSuite(test, async cleanup => {
  dir = await mkdtemp(join(tmpdir(), 'hardrun-rollout-report-'));
  cleanup(() => rm(dir, { recursive: true, force: true }));
  return { env: { HARDRUN_POLICY: join(dir, 'policy.yaml') } };
}, {
  ready: async daemon => {
    await importServices(daemon);
    // Each service an image of its own name, as a fleet's images are: the report gathers by image.
    for (const service of services) await daemon.docker(['tag', servicesTag, `${service.name}:hardrun-test`]);
  },
});
const d = () => suite.daemon();
const docker = (args: string[]) => suite.docker(args, { timeout: 180_000 });
const auditLog = () => join(dir, 'audit.jsonl');
const setup = (...flags: string[]) => runHardrun(['setup', 'docker', '--config', d().configFile, '--pidfile', join(d().dir, 'dockerd.pid'),
  '--host-policy', join(dir, 'policy.yaml'), '--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid'), ...flags]);

interface Service {
  readonly name: string;
  readonly args?: readonly string[];
  /** Succeeds once it serves. */
  readonly ready: string;
  /** Uses it through its client; prints what the client got back. */
  readonly use: string;
  readonly expect: RegExp;
}

const sshdKeys = 'ssh-keygen -q -t ed25519 -N "" -f /tmp/id && cp /tmp/id.pub /tmp/authorized_keys';
const services: readonly Service[] = [
  { name: 'redis', ready: 'redis-cli ping | grep -q PONG', use: 'redis-cli set greeting hello >/dev/null && redis-cli get greeting', expect: /^hello$/ },
  {
    name: 'postgres', ready: 'pg_isready -q -h /var/run/postgresql -U postgres',
    use: 'psql -q -h /var/run/postgresql -U postgres -c "create table t (v text); insert into t values (\'hello\')" && psql -h /var/run/postgresql -U postgres -Atc "select v from t"', expect: /^hello$/,
  },
  {
    name: 'mariadb', ready: 'mariadb -uroot -e "select 1" >/dev/null 2>&1',
    use: 'mariadb -uroot -e "create database d; create table d.t (v text); insert into d.t values (\'hello\')" && mariadb -uroot -N -e "select v from d.t"', expect: /^hello$/,
  },
  {
    name: 'memcached', ready: 'printf "stats\\r\\n" | nc -N -w 2 127.0.0.1 11211 | grep -q uptime',
    use: 'printf "set greeting 0 0 5\\r\\nhello\\r\\n" | nc -N -w 2 127.0.0.1 11211 >/dev/null && printf "get greeting\\r\\n" | nc -N -w 2 127.0.0.1 11211 | tr -d "\\r" | sed -n 2p', expect: /^hello$/,
  },
  { name: 'python', ready: 'curl -sf -o /dev/null http://127.0.0.1:8000/', use: 'echo hello > /srv/www/greeting && curl -sf http://127.0.0.1:8000/greeting', expect: /^hello$/ },
  { name: 'nginx', ready: 'curl -sf -o /dev/null http://127.0.0.1/', use: 'curl -sf http://127.0.0.1/ | grep -o "Welcome to nginx" | head -1', expect: /^Welcome to nginx$/ },
  {
    name: 'sshd', args: ['-o', 'AuthorizedKeysFile=/tmp/authorized_keys', '-o', 'StrictModes=no'], ready: 'nc -z 127.0.0.1 22',
    use: `${sshdKeys} && ssh -q -i /tmp/id -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes root@127.0.0.1 echo logged-in`, expect: /^logged-in$/,
  },
];

/** Starts the service as the host's default runtime runs it, and waits until it serves. */
async function start(t: ExecutionContext, service: Service, what: string): Promise<string> {
  const started = await docker(['run', '-d', `${service.name}:hardrun-test`, service.name, ...service.args ?? []]);
  t.is(started.exitCode, 0, `${what} ${service.name}: ${started.stderr}`);
  const id = started.stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if ((await docker(['exec', id, 'sh', '-c', service.ready])).exitCode === 0) return id;
    if ((await docker(['inspect', '-f', '{{.State.Status}}', id])).stdout.trim() !== 'running') break;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const logs = await docker(['logs', '--tail', '20', id]);
  throw new Error(`${what}: ${service.name} never became ready:\n${logs.stdout}\n${logs.stderr}`);
}

async function use(t: ExecutionContext, id: string, service: Service, what: string): Promise<void> {
  const used = await docker(['exec', id, 'sh', '-c', service.use]);
  t.regex(used.stdout.trim(), service.expect, `${what} ${service.name}: ${used.stderr}`);
}

/** tracefs where systemd mounts it, mounted for the test when the host has not: learning watches capabilities through it. */
async function withTracefs(t: ExecutionContext): Promise<void> {
  if (existsSync('/sys/kernel/tracing/instances')) return;
  await execa('mount', ['-t', 'tracefs', 'tracefs', '/sys/kernel/tracing']);
  t.teardown(() => execa('umount', ['/sys/kernel/tracing']).then(() => undefined));
}

test.serial('learn while watching, report, enforce the reported policy: the seven services run hardened and answer their clients', async t => {
  await withTracefs(t);
  const original = await readFile(d().configFile, 'utf8');
  t.teardown(async () => {
    await setup('--remove');
  });

  const learn = await setup('--default', '--learn', '--audit-log', auditLog());
  t.is(learn.exitCode, 0, learn.stdout + learn.stderr);
  t.regex(learn.stdout, /installed the watch-only policy, learning what each container needs/);
  for (const service of services) {
    const id = await start(t, service, 'watched');
    await use(t, id, service, 'watched');
    // Its removal is its delete: what it needed goes to the audit log.
    t.is((await docker(['rm', '-f', id])).exitCode, 0);
  }
  const records = (await readFile(auditLog(), 'utf8')).trim().split('\n').map(line => JSON.parse(line) as { event: string; image?: { repository?: string } });
  const learned = records.filter(record => record.event === 'learned').map(record => record.image?.repository);
  t.deepEqual(learned.sort(), services.map(service => `docker.io/library/${service.name}`).sort(), 'one learned record per service, naming its image');
  t.deepEqual((await execa('sh', ['-c', `ls -A ${d().execRoot}/runtime-runc/moby.hardrun 2>/dev/null | grep -v '^@default$' || true`])).stdout, '', 'no record outlives its container');
  // This daemon's instances only (named by the runtime root's digest, as its staging directories): other suites may trace at the same time.
  const key = createHash('sha256').update(`${d().execRoot}/runtime-runc/moby`).digest('hex').slice(0, 12);
  t.deepEqual(readdirSync('/sys/kernel/tracing/instances').filter(name => name.startsWith(`hardrun-${key}-`)), [], 'no capability trace outlives its container');

  const policy = join(dir, 'fleet.yaml');
  const report = await runHardrun(['report', auditLog(), '--write-policy', policy, '--audit-log', auditLog()]);
  t.is(report.exitCode, 0, report.stderr);
  t.log(report.stdout);
  t.regex(report.stdout, /^docker\.io\/library\/nginx:hardrun-test +1 +1 +1 +runs with its rule +writable [^\n]*\/var\/lib\/nginx/m);
  t.regex(report.stdout, /^docker\.io\/library\/sshd:hardrun-test +1 +1 +1 +runs with its rule +[^\n]*caps [^\n]*CAP_SYS_CHROOT/m);
  t.regex(report.stdout, /it was refused CAP_SYS_CHROOT \([^)]*sshd[^)]*\)/);
  t.regex(report.stdout, new RegExp(`${policy.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the built-in policy and \\d+ rules? \\([^)]*nginx-hardrun-test[^)]*sshd-hardrun-test`));
  // A second host's log of the same images (this one's, under another host name): one rule per image, both hosts counted.
  const fleet = join(dir, 'fleet');
  await mkdir(fleet);
  const log = await readFile(auditLog(), 'utf8');
  await writeFile(join(fleet, 'web-1.jsonl'), log);
  await writeFile(join(fleet, 'web-2.jsonl'), log.replace(/"host":"[^"]*"/g, '"host":"web-2"'));
  const merged = await runHardrun(['report', '--format', 'json', fleet]);
  t.is(merged.exitCode, 0, merged.stderr);
  const nginx = (JSON.parse(merged.stdout) as { images: { image: string; hosts: string[]; containers: number; rule: { writablePaths: string[] } | null }[] }).images.find(image => image.image === 'docker.io/library/nginx:hardrun-test');
  t.is(nginx?.hosts.length, 2);
  t.is(nginx?.containers, 2);
  t.true(nginx?.rule?.writablePaths.includes('/var/lib/nginx'));

  const checked = await runHardrun(['policy', 'check', policy]);
  t.is(checked.exitCode, 0, checked.stdout + checked.stderr);

  const enforce = await setup('--default', '--policy', policy);
  t.is(enforce.exitCode, 0, enforce.stdout + enforce.stderr);
  for (const service of services) {
    const id = await start(t, service, 'enforced');
    await use(t, id, service, 'enforced');
    const status = (await docker(['exec', id, 'sh', '-c', 'grep -E "^(CapBnd|Seccomp|NoNewPrivs):" /proc/1/status; head -1 /proc/1/uid_map; touch /hardrun-probe 2>&1 || true'])).stdout;
    t.regex(status, /^Seccomp:\s+2$/m, `${service.name}: seccomp filter`);
    t.regex(status, /^NoNewPrivs:\s+1$/m, `${service.name}: no new privileges`);
    t.notRegex(status, /^\s*0\s+0\s+4294967295$/m, `${service.name}: a user namespace of its own`);
    t.regex(status, /Read-only file system/, `${service.name}: the root is read-only`);
    const bounding = BigInt(`0x${/^CapBnd:\s+([0-9a-f]+)$/m.exec(status)?.[1] ?? 'ffffffffff'}`);
    t.is(bounding & (1n << 13n), 0n, `${service.name}: no CAP_NET_RAW, which Docker gives and the allowlist lacks`);
  }
  const privileged = await docker(['run', '--rm', '--privileged', 'busybox', 'true']);
  t.not(privileged.exitCode, 0);
  t.regex(privileged.stderr, refusedPrefix);

  const removed = await setup('--remove');
  t.is(removed.exitCode, 0, removed.stdout + removed.stderr);
  t.is(await readFile(d().configFile, 'utf8'), original, 'daemon.json byte for byte');
});
