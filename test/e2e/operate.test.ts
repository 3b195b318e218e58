import test from 'ava';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fallbackRange, readSubidRange } from '../../src/host/subid.js';
import { rootFromShim } from '../../src/human/inspect/docker-api.js';
import { importBusybox, startDockerd, type PrivateDocker } from '../helpers/dockerd.js';
import { dockerRoot } from '../helpers/hardrun-docker.js';
import { capabilitiesIn, parseStatus } from '../helpers/proc-status.js';
import { launcherPath, runHardrun } from '../helpers/shipped.js';
import { assertHardened, parseProbe, probeScript } from '../shim/probe.js';

/**
 * The operator's commands on a private dockerd: `setup docker`
 * against its daemon.json, `inspect` and `ps` on its containers, and
 * `doctor` on this machine. The subordinate id files are temporary copies:
 * no test edits the host's /etc/subuid.
 */
let daemon: PrivateDocker | undefined;
let dir = '';
const d = (): PrivateDocker => {
  if (daemon === undefined) throw new Error('private dockerd did not start');
  return daemon;
};
const docker = (args: string[]) => d().docker(args, { reject: false });
const otherKeys = { 'log-level': 'warn', labels: ['team=infra'], 'default-ulimits': { nofile: { Name: 'nofile', Hard: 4096, Soft: 4096 } } };
const subidFiles = () => ['--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid')];
// What hardrun's create maps to: the host's hardrun range, else its fallback.
const pool = readSubidRange('/etc/subuid') ?? fallbackRange;
/** A container's host ids: a 65536-id slot of hardrun's pool. */
const inPool = (hostID: number | undefined): boolean => hostID !== undefined && hostID >= pool.hostID && hostID < pool.hostID + pool.size && (hostID - pool.hostID) % 65536 === 0;

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hardrun-operate-'));
  await writeFile(join(dir, 'subuid'), 'alice:100000:65536\n');
  await writeFile(join(dir, 'subgid'), 'alice:100000:65536');
  daemon = await startDockerd({ extraConfig: otherKeys });
  await importBusybox(daemon);
});

test.after.always(async () => {
  await daemon?.stop();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

test.serial('setup docker --default keeps every other key, routes docker run through hardrun, and --remove restores the file', async t => {
  const config = d().configFile;
  const original = await readFile(config, 'utf8');
  const set = await runHardrun(['setup', 'docker', '--config', config, '--default', ...subidFiles()]);
  t.is(set.exitCode, 0, set.stdout + set.stderr);
  t.regex(set.stdout, /reloaded; docker info lists hardrun \(default runtime: hardrun\)/);
  const written = JSON.parse(await readFile(config, 'utf8')) as Record<string, unknown>;
  for (const [key, value] of Object.entries(JSON.parse(original) as Record<string, unknown>)) t.deepEqual(written[key], value, key);
  t.deepEqual(written['runtimes'], { hardrun: { path: launcherPath } }, 'registered by path alone, without runtimeArgs');
  t.is(written['default-runtime'], 'hardrun');
  t.is(await readFile(`${config}.hardrun-backup`, 'utf8'), original);
  t.is(await readFile(join(dir, 'subuid'), 'utf8'), 'alice:100000:65536\nhardrun:1610612736:268435456\n');
  t.is(await readFile(join(dir, 'subgid'), 'utf8'), 'alice:100000:65536\nhardrun:1610612736:268435456\n');

  const text = await readFile(config, 'utf8');
  const again = await runHardrun(['setup', 'docker', '--config', config, '--default', ...subidFiles()]);
  t.is(again.exitCode, 0, again.stderr);
  t.regex(again.stdout, /nothing changed/);
  t.is(await readFile(config, 'utf8'), text, 'a second run leaves the file byte-identical');
  t.is(await readFile(join(dir, 'subuid'), 'utf8'), 'alice:100000:65536\nhardrun:1610612736:268435456\n');

  const run = await docker(['run', '--rm', 'busybox', 'sh', '-c', probeScript]);
  t.is(run.exitCode, 0, run.stderr);
  const seen = parseProbe(run.stdout);
  assertHardened(t, seen, 'docker run without --runtime');
  t.true(inPool(seen.uidMap[1]), 'container root is a slot of the mapped host range');

  const removed = await runHardrun(['setup', 'docker', '--config', config, '--remove', '--pidfile', join(d().dir, 'dockerd.pid')]);
  t.is(removed.exitCode, 0, removed.stdout + removed.stderr);
  t.regex(removed.stdout, /restored from .*byte for byte/);
  t.is(await readFile(config, 'utf8'), original);
  await t.throwsAsync(stat(`${config}.hardrun-backup`));
  t.is((await docker(['info', '--format', '{{.DefaultRuntime}}'])).stdout.trim(), 'runc');
  const plain = await docker(['run', '--rm', 'busybox', 'cat', '/proc/self/uid_map']);
  t.deepEqual(plain.stdout.trim().split(/\s+/), ['0', '0', '4294967295'], 'back to runc: no user namespace');
});

test.serial('setup docker --remove keeps keys changed since setup and takes out only hardrun\'s', async t => {
  const config = join(dir, 'daemon.json');
  await writeFile(config, '{"debug": false}\n');
  t.is((await runHardrun(['setup', 'docker', '--config', config, '--default', '--no-reload', ...subidFiles()])).exitCode, 0);
  const later = JSON.parse(await readFile(config, 'utf8')) as Record<string, unknown>;
  await writeFile(config, JSON.stringify({ ...later, debug: true }));
  const removed = await runHardrun(['setup', 'docker', '--config', config, '--remove', '--no-reload']);
  t.is(removed.exitCode, 0, removed.stderr);
  t.regex(removed.stdout, /only hardrun's entries were removed/);
  t.deepEqual(JSON.parse(await readFile(config, 'utf8')), { debug: true });
});

test.serial('inspect reports what the container sees of itself, and flags a --runtime=runc container beside it', async t => {
  const register = await runHardrun(['setup', 'docker', '--config', d().configFile, ...subidFiles()]);
  t.is(register.exitCode, 0, register.stdout + register.stderr);
  const hardened = (await docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sleep', '600'])).stdout.trim();
  const plain = (await docker(['run', '-d', '--runtime=runc', 'busybox', 'sleep', '600'])).stdout.trim();
  t.teardown(() => docker(['rm', '-f', hardened, plain]).then(() => undefined));
  t.truthy(hardened && plain);
  const root = dockerRoot(d());

  const inside = parseStatus((await docker(['exec', hardened, 'cat', '/proc/1/status'])).stdout);
  const insideMap = (await docker(['exec', hardened, 'cat', '/proc/1/uid_map'])).stdout.trim().split(/\s+/).map(Number);
  const report = await runHardrun(['inspect', hardened.slice(0, 12), '--root', root, '--json']);
  t.is(report.exitCode, 0, report.stdout + report.stderr);
  const seen = JSON.parse(report.stdout) as {
    id: string; managed: { backend: string; rule: string } | null; hardened: boolean;
    live: { effective: string[]; bounding: string[]; seccomp: number; noNewPrivs: boolean; uidMap: { inside: number; outside: number; size: number }[]; rootReadOnly: boolean };
  };
  t.is(seen.id, hardened, 'a Docker short id finds the container');
  t.deepEqual(seen.managed, { backend: 'runc', kind: 'runc', rule: 'default' } as unknown as typeof seen.managed);
  t.deepEqual(seen.live.effective, capabilitiesIn(inside['CapEff']!));
  t.deepEqual(seen.live.bounding, capabilitiesIn(inside['CapBnd']!));
  t.is(seen.live.seccomp, Number(inside['Seccomp']));
  t.is(seen.live.noNewPrivs, inside['NoNewPrivs'] === '1');
  t.deepEqual(seen.live.uidMap.map(line => [line.inside, line.outside, line.size]), [insideMap]);
  t.true(seen.live.rootReadOnly);
  t.true(seen.hardened);

  const flagged = await runHardrun(['inspect', plain, '--root', root]);
  t.is(flagged.exitCode, 1, flagged.stderr);
  t.regex(flagged.stdout, /hardrun: not managed/);
  for (const property of ['effective capabilities', 'bounding capabilities', 'no_new_privs', 'user namespace', 'root filesystem']) {
    t.regex(flagged.stdout, new RegExp(`WEAKER\\s+${property}`), property);
  }
  t.regex(flagged.stdout, /container root is host root/);
  t.regex(flagged.stdout, /verdict: NOT hardened/);

  const listed = JSON.parse((await runHardrun(['ps', `--root=${root}`, '--json'])).stdout) as { id: string; backend: string; rule: string; status: string }[];
  t.deepEqual(listed.map(row => [row.id, row.backend, row.rule, row.status]), [[hardened, 'runc', 'default', 'running']], 'only what hardrun manages');
  t.is((await runHardrun(['inspect', 'no-such-container', '--root', root])).exitCode, 2);
});

test.serial('inspect finds a container by its name with DOCKER_HOST naming the daemon, and the shim gives its state directory', async t => {
  t.is((await runHardrun(['setup', 'docker', '--config', d().configFile, ...subidFiles()])).exitCode, 0);
  const name = `hardrun-named-${process.pid}`;
  const id = (await docker(['run', '-d', '--name', name, '--runtime=hardrun', 'busybox', 'sleep', '600'])).stdout.trim();
  t.teardown(() => docker(['rm', '-f', name]).then(() => undefined));
  t.regex(id, /^[0-9a-f]{64}$/);
  const env = { DOCKER_HOST: `unix://${d().sock}` };
  const report = await runHardrun(['inspect', name, '--json'], { env });
  t.is(report.exitCode, 0, report.stdout + report.stderr);
  const seen = JSON.parse(report.stdout) as { id: string; root: string; managed: { rule: string } | null };
  t.is(seen.id, id, 'the name resolves to the full id');
  t.is(seen.root, dockerRoot(d()));
  t.is(seen.managed?.rule, 'default');
  // The route for a daemon whose exec root no command line shows: the shim's options.
  const pid = Number((await docker(['inspect', '--format', '{{.State.Pid}}', id])).stdout.trim());
  t.is(rootFromShim(pid, id), dockerRoot(d()));
  const unknown = await runHardrun(['inspect', 'no-such-name', '--json'], { env });
  t.is(unknown.exitCode, 2);
  t.regex(unknown.stderr, new RegExp(`the Docker daemon on ${d().sock} knows no container no-such-name`));
  const listed = JSON.parse((await runHardrun(['ps', '--json'], { env })).stdout) as { id: string }[];
  t.true(listed.some(row => row.id === id));
  t.false(listed.some(row => row.id.startsWith('@')), 'the default record is not a container');
});

test.serial('doctor names every missing piece with its fix, and exits 1 exactly when one is missing', async t => {
  const result = await runHardrun(['doctor', '--json']);
  const report = JSON.parse(result.stdout) as { healthy: boolean; checks: { name: string; status: string; detail: string; fix?: string }[] };
  const missing = report.checks.filter(check => check.status === 'missing');
  t.is(result.exitCode, missing.length > 0 ? 1 : 0);
  for (const check of [...missing, ...report.checks.filter(item => item.status === 'absent')]) t.truthy(check.fix, `${check.name} has no fix`);
  const names = report.checks.map(check => check.name);
  for (const name of ['policy', 'installation', 'backend runc', 'user namespaces', 'subordinate uids', 'subordinate gids', 'seccomp', 'cgroups', 'LSM', 'Docker', 'containerd']) {
    t.true(names.includes(name), name);
  }
  const status = (name: string) => report.checks.find(check => check.name === name)?.status;
  const userns = Number((await readFile('/proc/sys/user/max_user_namespaces', 'utf8')).trim());
  t.is(status('user namespaces'), userns > 0 ? 'ok' : 'missing');
  t.is(status('subordinate uids'), readSubidRange('/etc/subuid') === undefined ? 'missing' : 'ok');
  t.is(status('seccomp'), 'ok');
  // Debian's runc 1.1.5 predates the 2024-2025 fixes: found, and named as lacking them.
  t.is(status('backend runc'), 'info');
  t.regex(report.checks.find(check => check.name === 'backend runc')?.detail ?? '', /runc version 1\.1\.5.*lacks the fixes for CVE-2024-21626/);

  // The same host seen through the files setup wrote: Docker runs hardrun, the ranges exist.
  const healthy = await runHardrun(['doctor', '--json', '--docker-config', d().configFile, ...subidFiles()]);
  const view = JSON.parse(healthy.stdout) as typeof report;
  t.is(view.checks.find(check => check.name === 'Docker')?.status, 'ok');
  t.is(view.checks.find(check => check.name === 'subordinate uids')?.status, 'ok');
  t.false(view.checks.some(check => check.name === 'in use'));
  t.is(healthy.exitCode, view.checks.some(check => check.status === 'missing') ? 1 : 0);
});
