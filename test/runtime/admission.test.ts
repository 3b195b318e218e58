import test from 'ava';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeScratch, recorderPath } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';

/**
 * explain and create decide through one admission: without --root, explain
 * decides for a create without --root (runc's /run/runc, caller "runc"),
 * as the audit log of that create shows.
 */
test('explain without --root decides as a create without --root does', async t => {
  const scratch = await makeScratch();
  const id = `hardrun-admission-${process.pid}`;
  const audit = join(scratch.dir, 'audit.jsonl');
  const policy = join(scratch.dir, 'by-caller.json');
  await writeFile(policy, JSON.stringify({
    defaultBackend: 'rec',
    backends: { rec: { path: recorderPath, kind: 'runc' }, plain: { path: recorderPath, kind: 'runc' } },
    rules: [{ name: 'runc-callers', match: { caller: ['runc'] }, backend: 'plain' }],
    audit: { file: audit },
  }));
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: policy };
  t.teardown(async () => {
    await runHardrun(['delete', '--force', id], { env });
    await scratch.remove();
  });
  const bundle = join(scratch.dir, id);
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));

  const explained = await runHardrun(['explain', '--bundle', bundle], { env });
  t.is(explained.exitCode, 0, explained.stderr);
  t.regex(explained.stdout, /^rule: +runc-callers$/m);
  t.regex(explained.stdout, /^backend: +plain /m);

  const created = await runHardrun(['create', '--bundle', bundle, id], { env });
  t.is(created.exitCode, 0, created.stderr);
  const record = JSON.parse((await readFile(audit, 'utf8')).trim().split('\n').at(-1)!) as { id: string; caller: string; rule: string; backend: string };
  t.like(record, { id, caller: 'runc', rule: 'runc-callers', backend: 'plain' });

  // And explain of the created container's bundle (its config.json now
  // hardrun's) decides from the caller's original, as the create did.
  const again = await runHardrun(['explain', '--bundle', bundle, '--json'], { env });
  t.is(again.exitCode, 0, again.stderr);
  const json = JSON.parse(again.stdout) as { rule: string; changes: { path: string }[] };
  t.is(json.rule, 'runc-callers');
  t.true(json.changes.some(change => change.path === 'root.readonly'), 'the diff is from the original, not from the rewrite');
});

test('a refusal for a symlinked /dev/null is in the audit log, as the policy\'s refusals are', async t => {
  const scratch = await makeScratch();
  const id = `hardrun-admission-dev-${process.pid}`;
  const audit = join(scratch.dir, 'audit.jsonl');
  const policy = join(scratch.dir, 'audited.json');
  await writeFile(policy, JSON.stringify({ defaultBackend: 'rec', backends: { rec: { path: recorderPath, kind: 'runc' } }, audit: { file: audit } }));
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: policy };
  t.teardown(async () => {
    await runHardrun(['delete', '--force', id], { env });
    await scratch.remove();
  });
  const bundle = join(scratch.dir, id);
  await mkdir(join(bundle, 'rootfs', 'dev'), { recursive: true });
  await symlink('/etc/shadow', join(bundle, 'rootfs', 'dev', 'null'));
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));

  const created = await runHardrun(['create', '--bundle', bundle, id], { env });
  t.not(created.exitCode, 0);
  t.regex(created.stderr, /the image's \/dev\/null is a symlink/);
  const record = JSON.parse((await readFile(audit, 'utf8')).trim().split('\n').at(-1) ?? '{}') as { id?: string; allowed?: boolean; refusals?: string[] };
  t.like(record, { id, allowed: false });
  t.regex(record.refusals?.[0] ?? '', /^the image's \/dev\/null is a symlink \(to \/etc\/shadow\)/);
});
