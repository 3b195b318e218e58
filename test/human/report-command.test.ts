import test from 'ava';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeScratch } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';

/** `hardrun report` as an operator runs it, through the shipped launcher, over the recorded logs of two hosts. */
const fixtures = join(process.cwd(), 'test/fixtures/audit');

test('the table names each image with its containers, hosts and rule, then what each meets', async t => {
  const result = await runHardrun(['report', fixtures]);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /^IMAGE +CONTAINERS +HOSTS +LEARNED +UNDER ENFORCEMENT +RULE ADDS$/m);
  t.regex(result.stdout, /^docker\.io\/library\/nginx:latest +2 +2 +2 +runs with its rule +writable \/var\/cache\/nginx \/var\/lib\/nginx$/m);
  t.regex(result.stdout, /^docker\.io\/library\/busybox:latest +2 +1 +0 +refused +-$/m);
  t.regex(result.stdout, /refused by: extraCapabilities: the container asks for CAP_NET_ADMIN \(--cap-add\) beyond hardening\.capabilities\.allow \(1\)/);
  t.regex(result.stdout, /it was refused CAP_SYS_CHROOT \(sshd\)/);
  t.regex(result.stdout, /9 records read, 1 line that is no audit record skipped/);
});

test('strings from containers and hosts are shown printable, on one line', async t => {
  const result = await runHardrun(['report', fixtures]);
  t.false(result.stdout.includes('\u001b'), 'no terminal escape from a program name');
  t.regex(result.stdout, /it was refused CAP_SYS_RESOURCE \(nginx\?\[31m\), which hardrun never grants under runc: no rule adds it/);
  t.regex(result.stdout, /web-2\?evil/);
});

test('standard input and --format json: the same report, for programs', async t => {
  const text = await readFile(join(fixtures, 'host-b.jsonl'), 'utf8');
  const result = await runHardrun(['report', '--format', 'json', '-'], { input: text, stdin: undefined });
  t.is(result.exitCode, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { records: number; images: { image: string; hosts: string[]; verdict: string; rule: { match: string; writablePaths: string[]; capabilities: string[] } | null }[] };
  t.is(report.records, 3);
  const nginx = report.images.find(image => image.image === 'docker.io/library/nginx:latest');
  t.deepEqual(nginx?.rule, { name: 'nginx-latest', match: 'docker.io/library/nginx:latest', writablePaths: ['/var/cache/nginx', '/var/lib/nginx/body'], capabilities: [] } as never);
  t.is(nginx?.verdict, 'runs with its rule');
});

test('--format markdown: a table for a change review, hostile text kept inside code spans', async t => {
  const result = await runHardrun(['report', '--format', 'markdown', fixtures]);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /^\| `docker\.io\/library\/nginx:latest` \| 2 \| 2 \| 2 \| runs with its rule \| `writable \/var\/cache\/nginx \/var\/lib\/nginx` \|$/m);
  t.regex(result.stdout, /^## `docker\.io\/library\/sshd:1`$/m);
});

test('--write-policy: the built-in policy and a rule per image that needs one, which policy check accepts and under which explain says each runs', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const policy = join(scratch.dir, 'fleet.yaml');
  const result = await runHardrun(['report', '--write-policy', policy, fixtures]);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /fleet\.yaml: the built-in policy and 2 rules \(nginx-latest, sshd-1\)/);
  const written = parse(await readFile(policy, 'utf8')) as { version: number; audit: { file: string }; rules: { name: string; match: { image: string[] }; hardening: unknown }[]; hardening?: unknown; checks?: unknown };
  t.is(written.version, 1);
  t.is(written.hardening, undefined, 'every hardening at its built-in default');
  t.is(written.checks, undefined, 'every check at its built-in default');
  t.deepEqual(written.rules, [
    { name: 'nginx-latest', match: { image: ['docker.io/library/nginx:latest'] }, hardening: { rootfs: { writablePaths: { add: ['/var/cache/nginx', '/var/lib/nginx'] } } } },
    { name: 'sshd-1', match: { image: ['docker.io/library/sshd:1'] }, hardening: { capabilities: { allow: { add: ['CAP_SYS_CHROOT'] } } } },
  ]);
  const check = await runHardrun(['policy', 'check', policy]);
  t.is(check.exitCode, 0, check.stdout + check.stderr);

  const bundle = join(scratch.dir, 'bundle');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));
  for (const image of ['docker.io/library/nginx:latest', 'docker.io/library/sshd:1']) {
    const explained = await runHardrun(['explain', '--policy', policy, '--bundle', bundle, '--image', image]);
    t.is(explained.exitCode, 0, explained.stdout + explained.stderr);
    t.regex(explained.stdout, /verdict: +would run/);
    t.regex(explained.stdout, new RegExp(`rule: +${image.includes('nginx') ? 'nginx-latest' : 'sshd-1'}`));
  }
});
