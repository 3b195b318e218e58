import test from 'ava';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeScratch, type Scratch } from '../helpers/recorder.js';
import { launcherPath } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';

/**
 * A stand-in for `runc run` in the foreground: it notes each signal it gets
 * and ends only when it chooses to, as runc ends when the container does.
 * `state` answers as runc does for a container that is gone, or, when the
 * container outlived its runc, as for one that still runs.
 */
const foreground = `#!/bin/sh
log=$STANDIN_LOG
case " $* " in
*" state "*) if [ -e "$log.alive" ]; then echo '{"status":"running"}'; exit 0; fi
	echo 'container does not exist' >&2; exit 1 ;;
*" delete "*) exit 0 ;;
esac
trap 'echo TERM >>"$log"; [ -n "$STANDIN_DIE" ] && { touch "$log.alive"; kill -9 $$; }' TERM
echo started >>"$log"
i=0
while [ $i -lt "\${STANDIN_SECONDS:-7}" ]; do sleep 1; i=$((i + 1)); done
echo ended >>"$log"
exit 0
`;

async function setUp(scratch: Scratch): Promise<{ bundle: string; log: string }> {
  const backend = join(scratch.dir, 'foreground.sh');
  await writeFile(backend, foreground);
  await chmod(backend, 0o755);
  await writeFile(scratch.policy, JSON.stringify({ defaultBackend: 'fg', backends: { fg: { path: backend } } }));
  const bundle = join(scratch.dir, 'bundle');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));
  return { bundle, log: join(scratch.dir, 'standin.log') };
}

async function runAndTerm(scratch: Scratch, bundle: string, env: Record<string, string>): Promise<{ exitCode: number | undefined; ms: number }> {
  const started = Date.now();
  const child = execa(launcherPath, ['--root', scratch.root, 'run', '--bundle', bundle, 'fg1'], { reject: false, stdin: 'ignore', env: { HARDRUN_POLICY: scratch.policy, ...env } });
  for (let i = 0; i < 100 && !existsSync(env['STANDIN_LOG']!); i += 1) await sleep(50);
  // Bun installs a signal handler on its next turn, which a loaded machine may not have reached yet.
  await sleep(300);
  process.kill(child.pid!, 'SIGTERM'); // not child.kill: execa's would SIGKILL hardrun 5 s later
  const result = await child;
  return { exitCode: result.exitCode, ms: Date.now() - started };
}

test('a foreground run relays SIGTERM as it is, never a SIGKILL after it, and waits for the backend', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const { bundle, log } = await setUp(scratch);
  const result = await runAndTerm(scratch, bundle, { STANDIN_LOG: log, STANDIN_SECONDS: '7' });
  t.deepEqual((await readFile(log, 'utf8')).trim().split('\n'), ['started', 'TERM', 'ended'], 'the backend was killed before it chose to end');
  t.is(result.exitCode, 0);
  t.true(result.ms >= 6500, `hardrun returned after ${result.ms} ms, before its backend ended`);
  t.false(existsSync(join(`${scratch.root}.hardrun`, 'fg1')), 'the record of a container that is gone stayed');
});

test('a foreground run whose backend dies while the container lives keeps the record', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const { bundle, log } = await setUp(scratch);
  const result = await runAndTerm(scratch, bundle, { STANDIN_LOG: log, STANDIN_DIE: '1' });
  t.is(result.exitCode, 137);
  t.true(existsSync(join(`${scratch.root}.hardrun`, 'fg1')), 'the record went while the container may still live');
});
