import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeScratch } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';

/** A node moved to watching, as `setup docker --watch` moves a Docker host: the host's policy and the handlers together, and --remove takes both back. */
test('setup containerd --config FILE --learn installs the watch-only policy with learning; --remove restores the config byte for byte and takes the policy out', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const dir = join(scratch.dir, 'node');
  await mkdir(dir, { recursive: true });
  const config = join(dir, 'config.toml');
  const original = 'version = 2\n# the operator\'s comment\nroot = "/var/lib/containerd"\n';
  await writeFile(config, original);
  const hostPolicy = join(dir, 'policy.yaml');
  const audit = join(dir, 'audit.jsonl');
  const common = ['--config', config, '--host-policy', hostPolicy, '--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid')];

  const set = await runHardrun(['setup', 'containerd', ...common, '--learn', '--audit-log', audit]);
  t.is(set.exitCode, 0, set.stdout + set.stderr);
  t.regex(set.stdout, /policy\.yaml: installed the watch-only policy, learning what each container needs; every hardrun call on this host follows it/);
  t.regex(set.stdout, /configured the runtime handler "hardrun"/);
  const policy = parse(await readFile(hostPolicy, 'utf8')) as { audit: { file: string }; hardening: Record<string, { mode: string; learn?: boolean }>; checks: Record<string, { mode: string }> };
  t.is(policy.audit.file, audit);
  t.deepEqual(policy.hardening['rootfs'], { mode: 'audit', learn: true });
  t.true(Object.values(policy.hardening).every(unit => unit.mode === 'audit'), 'every transform only audits');
  t.true(Object.values(policy.checks).every(unit => unit.mode === 'audit'), 'every check only audits');
  t.is((await runHardrun(['policy', 'check', hostPolicy])).exitCode, 0);

  const removed = await runHardrun(['setup', 'containerd', ...common, '--remove']);
  t.is(removed.exitCode, 0, removed.stdout + removed.stderr);
  t.is(await readFile(config, 'utf8'), original, 'the config byte for byte');
  t.false(existsSync(hostPolicy), 'the node had no policy before setup, and has none after');
  t.regex(removed.stdout, /policy\.yaml: removed \(setup installed it; there was none before\)/);
});

test('setup containerd --watch without --config is refused, and writes nothing', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const hostPolicy = join(scratch.dir, 'policy.yaml');
  const result = await runHardrun(['setup', 'containerd', '--version', '2', '--watch', '--host-policy', hostPolicy]);
  t.not(result.exitCode, 0);
  t.regex(result.stderr, /--watch, --learn and --policy need --config FILE/);
  t.false(existsSync(hostPolicy));
});
