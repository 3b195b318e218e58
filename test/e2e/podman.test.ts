import test, { type ExecutionContext } from 'ava';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultHardening } from '../../src/harden/units.js';
import { defaultRoot } from '../../src/runtime/call.js';
import { findExecutable } from '../helpers/dockerd.js';
import { leftoversOf } from '../helpers/leftovers.js';
import { importBusybox, startPodman, type PrivatePodman } from '../helpers/podman.js';
import { capabilitiesIn, parseStatus } from '../helpers/proc-status.js';
import { runHardrun, type Outcome } from '../helpers/shipped.js';

/**
 * Debian's podman drives hardrun as a user would (`podman --runtime
 * bin/hardrun`), with a private storage root, run root and libpod state,
 * and an image imported from busybox-static. Podman passes no --root, so
 * hardrun keeps its records beside runc's default state (/run/runc). Each
 * assertion is what the user sees: podman's output, its exit code, its
 * error message, podman inspect.
 */
const image = 'localhost/busybox:hardrun';
let instance: PrivatePodman | undefined;
/** Every container the file made, for the leftovers check. */
const made = new Set<string>();

test.before(async t => {
  instance = await startPodman();
  t.log((await instance.podman(['--version'])).stdout.trim());
  await importBusybox(instance, image);
});
test.after.always(async () => {
  await instance?.remove();
});

const current = (): PrivatePodman => {
  if (instance === undefined) throw new Error('private podman did not start');
  return instance;
};
const podman = (args: readonly string[], options?: { runtime?: string }): Promise<Outcome> => current().podman(args, options);

/** `podman run --name NAME ARGS`, under the file's own cgroup parent (removed with it). */
async function run(name: string, args: readonly string[], options?: { runtime?: string }): Promise<Outcome> {
  const outcome = await podman(['run', '--name', name, '--cgroup-parent', current().cgroupParent, ...args], options);
  const id = (await podman(['inspect', '--format', '{{.Id}}', name])).stdout.trim();
  if (id !== '') made.add(id);
  return outcome;
}

const told = (outcome: Outcome): string => `exit ${outcome.exitCode}\nstdout: ${outcome.stdout}\nstderr: ${outcome.stderr}`;

async function stateOf(name: string): Promise<string> {
  return (await podman(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name])).stdout.trim();
}

async function logLines(name: string): Promise<number> {
  return (await podman(['logs', name])).stdout.split('\n').filter(Boolean).length;
}

async function waitFor(t: ExecutionContext, what: string, ready: () => Promise<boolean>, ms = 30_000): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (await ready()) return;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  t.fail(`timed out waiting for ${what}`);
}

test("a container's output and exit code reach the user, with its /dev/shm and a secret bound from Podman's own files", async t => {
  const outcome = await run('hello', [image, 'sh', '-c', 'echo hello from podman; echo x > /dev/shm/probe && echo shm writable; exit 7']);
  t.is(outcome.exitCode, 7, told(outcome));
  t.is(outcome.stdout, 'hello from podman\nshm writable');
  t.is(await stateOf('hello'), 'exited 7');
  const file = join(current().dir, 'greeting');
  await writeFile(file, 'hi\n');
  const created = await podman(['secret', 'create', 'greeting', file]);
  t.is(created.exitCode, 0, told(created));
  // Readable by its owner alone: container root reads it as the owner it is under runc.
  const withSecret = await run('secret', ['--secret', 'greeting,mode=0400', image, 'sh', '-c', 'cat /run/secrets/greeting; stat -c %u:%g:%a /run/secrets/greeting']);
  t.is(withSecret.exitCode, 0, told(withSecret));
  t.is(withSecret.stdout, 'hi\n0:0:400');
});

/** What a container sees of itself: its status, uid map, and whether / takes a write. */
const probe = 'cat /proc/self/status; echo "@@uid_map $(cat /proc/self/uid_map)"; if touch /probe 2>/dev/null; then echo "@@root writable"; else echo "@@root read-only"; fi';
const marker = (stdout: string, name: string): string => stdout.split('\n').find(line => line.startsWith(`@@${name} `))?.slice(name.length + 3).trim() ?? '';

test('hardened as seen from inside: fewer capabilities than under runc, no new privileges, seccomp, a mapped root, a read-only /', async t => {
  const runc = findExecutable('runc', ['/usr/sbin', '/usr/bin']);
  if (runc === undefined) return t.fail('runc not found: install it (npm run deps:system)');
  const plain = await run('probe-runc', [image, 'sh', '-c', probe], { runtime: runc });
  t.is(plain.exitCode, 0, told(plain));
  const hardened = await run('probe', [image, 'sh', '-c', probe]);
  t.is(hardened.exitCode, 0, told(hardened));
  const underRunc = capabilitiesIn(parseStatus(plain.stdout)['CapEff'] ?? '0');
  const status = parseStatus(hardened.stdout);
  const effective = capabilitiesIn(status['CapEff'] ?? 'ffffffffff');
  t.deepEqual(effective.filter(name => !underRunc.includes(name)), [], 'no capability runc would not give');
  t.true(effective.length < underRunc.length, `CapEff ${effective.join(',')} against runc's ${underRunc.join(',')}`);
  t.deepEqual(effective.filter(name => !defaultHardening.capabilities.allow.includes(name)), [], 'CapEff beyond the allowlist');
  t.is(status['NoNewPrivs'], '1');
  t.is(status['Seccomp'], '2');
  const [inside, outside] = marker(hardened.stdout, 'uid_map').split(/\s+/).map(Number);
  t.is(inside, 0);
  t.not(outside, 0, 'container root is not host root');
  t.is(marker(hardened.stdout, 'root'), 'read-only');
  t.is(marker(plain.stdout, 'root'), 'writable', 'under runc the same image writes to /');
});

// A shell as init ignores SIGTERM unless it traps it: this one says so and exits 42.
const service = 'trap "echo got TERM; exit 42" TERM; i=0; while :; do echo "beat $i"; i=$((i+1)); usleep 200000 & wait $!; done';

test('hardrun inspect finds it, podman exec -t gives a terminal, exec --privileged gets no more than init, pause freezes the container and unpause thaws it, stop delivers SIGTERM', async t => {
  const started = await run('svc', ['--detach', image, 'sh', '-c', service]);
  t.is(started.exitCode, 0, told(started));
  await waitFor(t, 'the first beat', async () => (await logLines('svc')) > 0);
  const inspected = await runHardrun(['inspect', started.stdout.trim()]);
  t.is(inspected.exitCode, 0, told(inspected));
  t.regex(inspected.stdout, /^verdict: hardened$/m, 'hardrun inspect finds a container Podman made');

  const tty = await podman(['exec', '-t', 'svc', 'sh', '-c', 'tty; test -t 1 && echo stdout is a terminal']);
  t.is(tty.exitCode, 0, told(tty));
  t.regex(tty.stdout, /^\/dev\/pts\/\d+\r?\nstdout is a terminal\r?\n?$/);
  const plainExec = await podman(['exec', 'svc', 'sh', '-c', 'test -t 1 || echo no terminal; exit 3']);
  t.is(plainExec.exitCode, 3, told(plainExec));
  t.is(plainExec.stdout, 'no terminal');
  // exec --privileged cannot take back what create removed.
  const initCaps = capabilitiesIn(parseStatus((await podman(['exec', 'svc', 'cat', '/proc/1/status'])).stdout)['CapEff'] ?? '');
  const privileged = await podman(['exec', '--privileged', 'svc', 'cat', '/proc/self/status']);
  t.is(privileged.exitCode, 0, told(privileged));
  t.deepEqual(capabilitiesIn(parseStatus(privileged.stdout)['CapEff'] ?? 'ffffffffff'), initCaps);
  t.is(parseStatus(privileged.stdout)['NoNewPrivs'], '1');

  const paused = await podman(['pause', 'svc']);
  t.is(paused.exitCode, 0, told(paused));
  t.is(await stateOf('svc'), 'paused 0');
  await new Promise(resolve => setTimeout(resolve, 500));
  const frozenAt = await logLines('svc');
  await new Promise(resolve => setTimeout(resolve, 1_500));
  t.is(await logLines('svc'), frozenAt, 'no output while paused');
  const unpaused = await podman(['unpause', 'svc']);
  t.is(unpaused.exitCode, 0, told(unpaused));
  t.is(await stateOf('svc'), 'running 0');
  await waitFor(t, 'a beat after unpause', async () => (await logLines('svc')) > frozenAt);

  const stopped = await podman(['stop', '--time', '20', 'svc']);
  t.is(stopped.exitCode, 0, told(stopped));
  t.is(stopped.stdout.trim(), 'svc');
  t.is(await stateOf('svc'), 'exited 42');
  t.regex((await podman(['logs', 'svc'])).stdout, /got TERM$/);
});

// The whole of what hardrun refused: this one setting, nothing of Podman's own. Podman
// passes no --log, so the sentence comes as runc's logger writes it: msg="...".
const refusals: [string, string[], RegExp][] = [
  ['-v /etc:/x', ['--volume', '/etc:/x'], /hardrun refused this container: mounts\[\d+\]\.source: the bind mount of host path \/etc on \/x exposes the host \(check sensitiveMounts, rule default\)"?$/],
  ['--privileged', ['--privileged'], /hardrun refused this container: process\.capabilities: the container asks for every capability and device \(--privileged\), [^;]*; .*\(check extraCapabilities, rule default\)"?$/],
];
for (const [title, flags, sentence] of refusals) {
  test(`${title} is refused: podman shows hardrun's sentence and exits non-zero`, async t => {
    const name = `refused-${title.replace(/[^a-z]/g, '')}`;
    const outcome = await run(name, [...flags, image, 'echo', 'must not run']);
    // Podman's exit code for a runtime that refused to create the container.
    t.is(outcome.exitCode, 126, told(outcome));
    t.regex(outcome.stderr, sentence);
    t.is(outcome.stdout, '');
  });
}

test("another container's userdata and Podman's database are refused, named as the storage root", async t => {
  const neighbour = await run('neighbour', ['--detach', image, 'sleep', '600']);
  t.is(neighbour.exitCode, 0, told(neighbour));
  const id = neighbour.stdout.trim();
  const storage = current().storage;
  for (const [name, source] of [['peek-shm', `${storage}/overlay-containers/${id}/userdata/shm`], ['peek-db', `${storage}/libpod`]] as const) {
    const outcome = await run(name, ['--volume', `${source}:/x`, image, 'ls', '/x']);
    t.not(outcome.exitCode, 0, told(outcome));
    t.regex(outcome.stderr, new RegExp(`hardrun refused this container: mounts\\[\\d+\\]\\.source: the bind mount of host path ${source}, under ${storage} on /x exposes the engine's data root`));
  }
  const removed = await podman(['rm', '--force', '--time', '0', 'neighbour']);
  t.is(removed.exitCode, 0, told(removed));
});

test('a storage root reached through a symlink (moved to another disk): the container runs with its /dev/shm', async t => {
  const linked = await startPodman({ storageThroughLink: true });
  t.teardown(() => linked.remove());
  await importBusybox(linked, image);
  const outcome = await linked.podman(['run', '--rm', '--cgroup-parent', linked.cgroupParent, image, 'sh', '-c', 'echo x > /dev/shm/probe && echo shm writable']);
  t.is(outcome.exitCode, 0, told(outcome));
  t.is(outcome.stdout, 'shm writable');
});

/** What hardrun or runc still holds for these containers: records, staging directories, mounts, claims of host ids, runc's state. */
async function leftoversFor(ids: readonly string[]): Promise<string[]> {
  const left = await leftoversOf(defaultRoot);
  const entries = [...left.records, ...left.staging, ...left.mounts, ...left.claims].filter(entry => ids.some(id => entry.includes(id)));
  return [...entries, ...ids.map(id => `${defaultRoot}/${id}`).filter(path => existsSync(path))];
}

test("podman run --rm: Podman's own cleanup (which conmon runs when the container exits) leaves nothing of hardrun behind", async t => {
  const cidfile = join(current().dir, 'rm.cid');
  const outcome = await podman(['run', '--rm', '--cidfile', cidfile, '--cgroup-parent', current().cgroupParent, image, 'echo', 'gone']);
  t.is(outcome.exitCode, 0, told(outcome));
  t.is(outcome.stdout, 'gone');
  const id = (await readFile(cidfile, 'utf8')).trim();
  made.add(id);
  await waitFor(t, 'the container to be removed', async () => (await podman(['container', 'exists', id])).exitCode === 1);
  t.deepEqual(await leftoversFor([id]), []);
});

test('podman rm leaves nothing of hardrun behind: no record, staging directory, claim of host ids, mount or runc state', async t => {
  const removed = await podman(['rm', '--all', '--force', '--time', '0']);
  t.is(removed.exitCode, 0, told(removed));
  t.is((await podman(['ps', '--all', '--quiet'])).stdout, '');
  t.true(made.size >= 8, `containers made: ${made.size}`);
  t.deepEqual(await leftoversFor([...made]), []);
});
