import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refusedPrefix } from '../fixtures/escapes/corpus.js';
import { dockerSuite } from '../helpers/docker-suite.js';
import { runHardrun } from '../helpers/shipped.js';

/**
 * A host moved from runc to hardrun as an operator would: watch first
 * (`setup docker --default --watch`: nothing is changed or refused, the
 * audit log says what enforcing would do), then enforce a policy of their
 * own (`--policy FILE`), then undo all of it (`--remove`): daemon.json and
 * the host's policy as they were, byte for byte. The daemon reads the
 * host's policy where HARDRUN_POLICY says (a temporary file standing for
 * /etc/hardrun/policy.yaml); no test touches the host's own.
 */
let dir = '';
const suite = dockerSuite(test, async cleanup => {
  dir = await mkdtemp(join(tmpdir(), 'hardrun-rollout-'));
  cleanup(() => rm(dir, { recursive: true, force: true }));
  return { env: { HARDRUN_POLICY: join(dir, 'policy.yaml') } };
});
const d = () => suite.daemon();
const docker = (args: string[]) => suite.docker(args);
const hostPolicy = () => join(dir, 'policy.yaml');
const auditLog = () => join(dir, 'audit.jsonl');
const setup = (...flags: string[]) => runHardrun(['setup', 'docker', '--config', d().configFile, '--pidfile', join(d().dir, 'dockerd.pid'),
  '--host-policy', hostPolicy(), '--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid'), ...flags]);

test.serial('watch, then enforce, then undo: what an operator sees at each step', async t => {
  const original = await readFile(d().configFile, 'utf8');

  const watch = await setup('--default', '--watch', '--audit-log', auditLog());
  t.is(watch.exitCode, 0, watch.stdout + watch.stderr);
  t.regex(watch.stdout, /installed the watch-only policy; every hardrun call on this host follows it/);
  t.regex(watch.stdout, /docker info lists hardrun \(default runtime: hardrun\)/);
  // Watching changes nothing: --cap-add NET_ADMIN runs as under runc, with it, root writable, no user namespace.
  const asked = ['--cap-add', 'NET_ADMIN'];
  const script = 'grep CapEff /proc/self/status; cat /proc/self/uid_map; touch /written && echo root-writable';
  const watched = await docker(['run', '--rm', ...asked, 'busybox', 'sh', '-c', script]);
  const underRunc = await docker(['run', '--rm', '--runtime=runc', ...asked, 'busybox', 'sh', '-c', script]);
  t.is(watched.exitCode, 0, watched.stderr);
  t.is(watched.stdout, underRunc.stdout);
  t.regex(watched.stdout, /root-writable/);
  const records = (await readFile(auditLog(), 'utf8')).trim().split('\n').map(line => JSON.parse(line) as { allowed: boolean; changes: { action: string; message: string }[]; checks: { check: string; mode: string; message: string }[] });
  const watchedRecord = records.find(record => record.changes.some(change => /dropped .*CAP_NET_ADMIN/.test(change.message)));
  t.truthy(watchedRecord, 'the audit log says enforcing would have taken NET_ADMIN away');
  t.true(watchedRecord?.allowed);
  t.true(watchedRecord?.changes.every(change => change.action === 'audited'), 'and that nothing was applied');
  t.true(watchedRecord?.checks.some(check => check.check === 'extraCapabilities' && check.mode === 'audit' && /asks for CAP_NET_ADMIN/.test(check.message)), 'and that enforcing would have refused the container for asking');

  // Enforcement, under a policy of the operator's own.
  const own = join(dir, 'enforce.yaml');
  await writeFile(own, `version: 1\naudit: { file: ${auditLog()} }\n`);
  const enforce = await setup('--default', '--policy', own);
  t.is(enforce.exitCode, 0, enforce.stdout + enforce.stderr);
  t.is(await readFile(hostPolicy(), 'utf8'), await readFile(own, 'utf8'));
  const refused = await docker(['run', '--rm', '--cap-add', 'NET_ADMIN', 'busybox', 'true']);
  t.not(refused.exitCode, 0);
  t.regex(refused.stderr, refusedPrefix);
  const hardened = await docker(['run', '--rm', 'busybox', 'sh', '-c', 'touch /x 2>/dev/null || echo root-read-only']);
  t.is(hardened.stdout.trim(), 'root-read-only', hardened.stderr);

  const removed = await setup('--remove');
  t.is(removed.exitCode, 0, removed.stdout + removed.stderr);
  t.is(await readFile(d().configFile, 'utf8'), original, 'daemon.json byte for byte');
  t.false(existsSync(hostPolicy()), 'the host had no policy before setup, and has none after');
  t.regex(removed.stdout, /removed \(setup installed it; there was none before\)/);
  t.is((await docker(['info', '--format', '{{.DefaultRuntime}}'])).stdout.trim(), 'runc');
});
