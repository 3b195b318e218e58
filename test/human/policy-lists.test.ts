import test from 'ava';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeScratch } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';

const policyText = [
  'hardening:',
  '  rootfs:',
  '    writablePaths: { add: [/srv/cache], remove: [/var/tmp] }',
  'rules:',
  '  - name: moby-devices',
  '    match: { caller: [moby] }',
  '    hardening:',
  '      devices:',
  '        allow: { add: [{ type: c, major: 10, minor: 229 }] }',
  '',
].join('\n');

test('explain shows the lists a policy edited as they apply, and --json every setting', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const policy = join(scratch.dir, 'lists.yaml');
  await writeFile(policy, policyText);
  const bundle = join(scratch.dir, 'bundle');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));
  const text = await runHardrun(['explain', '--policy', policy, '--bundle', bundle]);
  t.is(text.exitCode, 0, text.stderr);
  t.regex(text.stdout, /^ {2}hardening\.rootfs\.writablePaths: \/tmp, \/run, \/srv\/cache \(built-in \+\/srv\/cache -\/var\/tmp\)$/m);
  t.notRegex(text.stdout, /hardening\.seccomp\.deny/, 'lists left as built-in are not repeated');
  const json = await runHardrun(['explain', '--policy', policy, '--bundle', bundle, '--json']);
  const explained = JSON.parse(json.stdout) as { settings: { hardening: { rootfs: { writablePaths: string[] }; seccomp: { deny: string[] } } } };
  t.deepEqual(explained.settings.hardening.rootfs.writablePaths, ['/tmp', '/run', '/srv/cache']);
  t.true(explained.settings.hardening.seccomp.deny.includes('mount'));
});

test('policy show prints a policy file that policy check accepts, with the rule\'s edit as written', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const policy = join(scratch.dir, 'lists.yaml');
  await writeFile(policy, policyText);
  const shown = await runHardrun(['policy', 'show', policy]);
  t.is(shown.exitCode, 0, shown.stderr);
  const document = parse(shown.stdout) as { hardening: { rootfs: { writablePaths: string[] } }; rules: { hardening: unknown }[] };
  t.deepEqual(document.hardening.rootfs.writablePaths, ['/tmp', '/run', '/srv/cache']);
  t.deepEqual(document.rules[0]?.hardening, { devices: { allow: { add: [{ type: 'c', major: 10, minor: 229 }] } } });
  t.notRegex(shown.stdout, /userControlled|^source:/m);
  const again = join(scratch.dir, 'shown.yaml');
  await writeFile(again, shown.stdout);
  const checked = await runHardrun(['policy', 'check', again]);
  t.is(checked.exitCode, 0, checked.stderr);
  t.is(checked.stdout, `${again}: valid\n`);
});
