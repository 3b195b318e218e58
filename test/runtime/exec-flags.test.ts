import test from 'ava';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeScratch, recorderPath } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';

async function policyWith(dir: string, name: string, mode: string): Promise<string> {
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify({ defaultBackend: 'rec', backends: { rec: { path: recorderPath } }, hardening: { capabilities: { mode } } }));
  return path;
}

test('exec --cap is held to the allowlist only while the capabilities transform hardens', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const argv = ['--root', scratch.root, 'exec', '--cap', 'CAP_NET_RAW', 'c1', 'true'];
  for (const mode of ['off', 'audit']) {
    await scratch.clear();
    const result = await runHardrun(argv, { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: await policyWith(scratch.dir, mode, mode) } });
    t.is(result.exitCode, 0, `${mode}: ${result.stderr}`);
    t.deepEqual(await scratch.calls(), [argv], mode);
  }
  await scratch.clear();
  const refused = await runHardrun(argv, { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: await policyWith(scratch.dir, 'harden', 'harden') } });
  t.is(refused.exitCode, 255, 'a refused exec fails as runc fails an exec it accepted');
  t.regex(refused.stderr, /--cap CAP_NET_RAW is not in the capabilities allowlist/);
  t.deepEqual(await scratch.calls(), []);
});

test('exec usage errors exit 1, as runc\'s do', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy };
  for (const argv of [['exec', '--bogus', 'c1', 'true'], ['exec', '--cwd']]) {
    const result = await runHardrun(['--root', scratch.root, ...argv], { env });
    t.is(result.exitCode, 1, `${argv.join(' ')}: ${result.stderr}`);
  }
  const badId = await runHardrun(['--root', scratch.root, 'exec', 'a/b', 'true'], { env });
  t.is(badId.exitCode, 255, 'runc fails loading such a container: an exec failure');
  t.deepEqual(await scratch.calls(), []);
  // No container named, nothing to harden: the backend answers with its own usage text.
  t.is((await runHardrun(['--root', scratch.root, 'exec'], { env })).exitCode, 0);
  t.deepEqual(await scratch.calls(), [['--root', scratch.root, 'exec']]);
});
