import test from 'ava';
import { readFile } from 'node:fs/promises';
import { defaultHardening } from '../../src/harden/units.js';
import { dockerSuite } from '../helpers/docker-suite.js';
import { hostMountsOfHardrun, leftoverRecords, leftoverStaging, policyLauncher } from '../helpers/hardrun-docker.js';
import { capabilitiesIn, parseStatus } from '../helpers/proc-status.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * The built-in hardening, proven from inside running containers, never by
 * reading back the config hardrun wrote.
 */
const suite = dockerSuite(test, async cleanup => {
  // hardrun with a backend that fails create after hardrun has staged.
  const failing = await policyLauncher({ defaultBackend: 'failing', backends: { failing: { path: `${process.cwd()}/test/fixtures/failing-runtime.sh` } } });
  cleanup(failing.remove);
  // The quiet drop: what a container asks for beyond the allowlist is taken away, not refused.
  const quiet = await policyLauncher({ version: 1, checks: { extraCapabilities: { mode: 'harden' } } });
  cleanup(quiet.remove);
  return { runtimes: { hardrun: { path: launcherPath }, 'hardrun-failing': { path: failing.path }, 'hardrun-quiet': { path: quiet.path } } };
});
const d = suite.daemon;
const docker = (args: string[]) => suite.docker(args);
const allowed = new Set(defaultHardening.capabilities.allow);

/** What a container sees of itself: its status, uid map, and whether / and /tmp take writes. */
const probe = [
  'cat /proc/self/status',
  'echo "@@uid_map $(cat /proc/self/uid_map)"',
  'if touch /probe-root 2>/dev/null; then echo "@@root writable"; else echo "@@root read-only"; fi',
  'if touch /tmp/probe 2>/dev/null; then echo "@@tmp writable"; else echo "@@tmp read-only"; fi',
  // /proc/kcore is absent on some kernels (this CI's among them): probe masked
  // paths that exist there too. A masked file reads empty, a masked directory lists nothing.
  'echo "@@masked $(cat /proc/timer_list /proc/keys 2>/dev/null | wc -c) $(ls /sys/firmware | wc -l)"',
].join('; ');

interface Seen {
  status: Record<string, string>;
  uidMap: number[];
  rootWritable: boolean;
  tmpWritable: boolean;
  maskedBytes: string;
}

function parseProbe(stdout: string): Seen {
  const marker = (name: string): string => stdout.split('\n').find(line => line.startsWith(`@@${name} `))?.slice(name.length + 3) ?? '';
  return {
    status: parseStatus(stdout),
    uidMap: marker('uid_map').trim().split(/\s+/).map(Number),
    rootWritable: marker('root') === 'writable',
    tmpWritable: marker('tmp') === 'writable',
    maskedBytes: marker('masked').trim(),
  };
}

function assertHardened(t: import('ava').ExecutionContext, seen: Seen, what: string): void {
  const effective = capabilitiesIn(seen.status['CapEff'] ?? 'ffffffffff');
  const bounding = capabilitiesIn(seen.status['CapBnd'] ?? 'ffffffffff');
  t.deepEqual(effective.filter(name => !allowed.has(name)), [], `${what}: CapEff beyond the allowlist`);
  t.deepEqual(bounding.filter(name => !allowed.has(name)), [], `${what}: CapBnd beyond the allowlist`);
  t.is(seen.status['Seccomp'], '2', `${what}: seccomp`);
  t.is(seen.status['NoNewPrivs'], '1', `${what}: no_new_privs`);
  t.is(seen.uidMap[0], 0, `${what}: uid_map`);
  t.true((seen.uidMap[1] ?? 0) > 0, `${what}: container root is host root`);
  t.false(seen.rootWritable, `${what}: / took a write`);
  t.true(seen.tmpWritable, `${what}: /tmp took no write`);
  t.is(seen.maskedBytes, '0 0', `${what}: /proc/timer_list, /proc/keys or /sys/firmware is not masked`);
}

test('a plain container: capabilities, seccomp, no-new-privileges, user namespace, read-only root, masked /proc', async t => {
  const result = await docker(['run', '--rm', '--runtime=hardrun', 'busybox', 'sh', '-c', probe]);
  t.is(result.exitCode, 0, result.stderr);
  assertHardened(t, parseProbe(result.stdout), 'plain');
});

// What each escalation gets under the built-in policy: refused (an explicit
// ask for capabilities, named with the way to allow it) or run hardened.
const escalations: [string, string[], RegExp | undefined][] = [
  ['--privileged', ['--privileged'], /asks for every capability and device \(--privileged\)/],
  ['--cap-add ALL', ['--cap-add', 'ALL'], /asks for CAP_\w+(, CAP_\w+)+ \(--cap-add\) beyond hardening.capabilities.allow; no rule grants/],
  ['--security-opt seccomp=unconfined', ['--security-opt', 'seccomp=unconfined'], undefined],
  ['--security-opt systempaths=unconfined', ['--security-opt', 'systempaths=unconfined'], undefined],
  ['all of them together', ['--privileged', '--cap-add', 'ALL', '--security-opt', 'seccomp=unconfined', '--security-opt', 'systempaths=unconfined'], /\(--privileged\)/],
];
for (const [what, flags, refusal] of escalations) {
  test(`${what}: never runs unrestricted; ${refusal === undefined ? 'runs hardened' : 'refused, naming what it asked for and how to allow it'}`, async t => {
    const result = await docker(['run', '--rm', '--runtime=hardrun', ...flags, 'busybox', 'sh', '-c', probe]);
    if (refusal !== undefined) {
      t.not(result.exitCode, 0);
      t.regex(result.stderr, /OCI runtime create failed: hardrun refused this container: process.capabilities: /);
      t.regex(result.stderr, refusal);
      t.regex(result.stderr, /\(check extraCapabilities, rule default\)/);
      return;
    }
    t.is(result.exitCode, 0, result.stderr);
    assertHardened(t, parseProbe(result.stdout), what);
  });
  test(`${what}, with the quiet drop (checks.extraCapabilities harden): runs hardened`, async t => {
    const result = await docker(['run', '--rm', '--runtime=hardrun-quiet', ...flags, 'busybox', 'sh', '-c', probe]);
    t.is(result.exitCode, 0, result.stderr);
    assertHardened(t, parseProbe(result.stdout), what);
  });
}

test('docker exec --privileged sees the same restricted capabilities as the container', async t => {
  const started = await docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sleep', '600']);
  t.is(started.exitCode, 0, started.stderr);
  const id = started.stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  const plain = parseStatus((await docker(['exec', id, 'cat', '/proc/self/status'])).stdout);
  const privileged = await docker(['exec', '--privileged', id, 'cat', '/proc/self/status']);
  t.is(privileged.exitCode, 0, privileged.stderr);
  const seen = parseStatus(privileged.stdout);
  t.deepEqual(capabilitiesIn(seen['CapEff']!).filter(name => !allowed.has(name)), []);
  t.deepEqual(capabilitiesIn(seen['CapBnd']!).filter(name => !allowed.has(name)), []);
  t.is(seen['CapEff'], plain['CapEff']);
  t.is(seen['NoNewPrivs'], '1');
  t.is(seen['Seccomp'], '2');
});

test("the container's processes run as the mapped host uid, seen from the host", async t => {
  const started = await docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sleep', '600']);
  t.is(started.exitCode, 0, started.stderr);
  const id = started.stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  const pid = (await docker(['inspect', '-f', '{{.State.Pid}}', id])).stdout.trim();
  const host = parseStatus(await readFile(`/proc/${pid}/status`, 'utf8'));
  const [real, effective] = (host['Uid'] ?? '').split(/\s+/).map(Number);
  t.true((real ?? 0) > 0, `host uid ${host['Uid']}`);
  t.is(effective, real);
  const inside = (await docker(['exec', id, 'id', '-u'])).stdout.trim();
  t.is(inside, '0', 'inside, the process is root');
});

test('after docker rm, and after a create that failed after staging, nothing of hardrun is left', async t => {
  const started = await docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sleep', '600']);
  const id = started.stdout.trim();
  t.true((await leftoverStaging(d())).length > 0, 'a running container has a staging directory');
  t.deepEqual(await hostMountsOfHardrun(), [], 'staging binds must never show on the host');
  t.is((await docker(['rm', '-f', id])).exitCode, 0);
  const failed = await docker(['run', '--rm', '--runtime=hardrun-failing', 'busybox', 'true']);
  t.not(failed.exitCode, 0);
  t.deepEqual(await leftoverRecords(d()), []);
  t.deepEqual(await leftoverStaging(d()), []);
  t.deepEqual(await hostMountsOfHardrun(), []);
});
