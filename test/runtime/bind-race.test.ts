import test from 'ava';
import { execa } from 'execa';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { leftoversOf } from '../helpers/leftovers.js';
import { makeScratch } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';

/**
 * A bind source that is a symlink, flipped between an allowed directory and
 * one the policy refuses while creates run: the checks judge the source with
 * its symlinks resolved, and staging must mount what was judged, never what
 * the path names by the time it mounts. The backend, a script that runs in
 * hardrun's mount namespace, writes down which directory its staged bind
 * shows.
 */
test('a bind source swapped for a symlink to a refused directory during create is never what the container gets', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const allowed = join(scratch.dir, 'allowed');
  const refused = join(scratch.dir, 'refused-secret');
  await mkdir(allowed);
  await mkdir(refused);
  const bundle = join(scratch.dir, 'bundle');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await writeFile(join(bundle, 'config.json'), JSON.stringify({ ...minimalSpec, mounts: [{ destination: '/data', type: 'bind', source: 'link', options: ['rbind', 'rw'] }] }));
  const seen = join(scratch.dir, 'seen');
  const backend = join(scratch.dir, 'backend.sh');
  // The staged bind is m0 in the staging directory: its mountinfo line names the directory bound (field 4).
  await writeFile(backend, `#!/bin/sh\ncase " $* " in *" create "*) grep -E ' /run/hardrun/[0-9a-f]{12}-race[0-9]+/m0 ' /proc/self/mountinfo | cut -d' ' -f4 >>${seen} ;; esac\nexit 0\n`, { mode: 0o755 });
  const policy = join(scratch.dir, 'policy.json');
  await writeFile(policy, JSON.stringify({ defaultBackend: 'b', backends: { b: { path: backend, kind: 'runc' } }, checks: { sensitiveMounts: { paths: { add: [refused] } } } }));
  const flipper = execa('sh', ['-c', `cd ${bundle} && while :; do ln -sfn ${allowed} link; ln -sfn ${refused} link; done`], { reject: false, stdio: 'ignore' });
  const outcomes = { created: 0, refusedByCheck: 0, refusedAtStaging: 0, other: 0 };
  try {
    for (let round = 0; round < 120; round += 1) {
      const id = `race${round}`;
      const result = await runHardrun(['--root', scratch.root, 'create', '--bundle', bundle, id], { env: { HARDRUN_POLICY: policy } });
      if (result.exitCode === 0) outcomes.created += 1;
      else if (/exposes the host/.test(result.stderr)) outcomes.refusedByCheck += 1;
      else if (/changed while hardrun created the container/.test(result.stderr)) outcomes.refusedAtStaging += 1;
      else outcomes.other += 1;
      await runHardrun(['--root', scratch.root, 'delete', '--force', id], { env: { HARDRUN_POLICY: policy } });
      await writeFile(join(bundle, 'config.json'), JSON.stringify({ ...minimalSpec, mounts: [{ destination: '/data', type: 'bind', source: 'link', options: ['rbind', 'rw'] }] }));
    }
  } finally {
    flipper.kill('SIGKILL');
    await flipper;
  }
  t.log(outcomes);
  const bound = (await readFile(seen, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  t.true(outcomes.created > 0 && bound.length > 0, 'no create got through: the race was never run');
  t.deepEqual(bound.filter(root => root.includes('refused-secret')), [], 'a container got the refused directory');
  t.deepEqual(await leftoversOf(scratch.root), { records: [], staging: [], mounts: [], claims: [] });
});
