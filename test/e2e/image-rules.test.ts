import test from 'ava';
import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerSuite } from '../helpers/docker-suite.js';
import { importBusybox } from '../helpers/dockerd.js';
import { dockerBundle, policyLauncher } from '../helpers/hardrun-docker.js';
import { capabilitiesIn, parseStatus } from '../helpers/proc-status.js';
import { launcherPath } from '../helpers/shipped.js';

/** Rules that name the image, against a private dockerd: the image comes from the daemon's own record. */
const allow = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'NET_BIND_SERVICE', 'SETGID', 'SETPCAP', 'SETUID'];
let scratch = '';
let policyFile = '';
let otherId = '';
const policyFor = (byId: string) => ({
  version: 1,
  audit: { file: join(scratch, 'audit.jsonl') },
  rules: [
    { name: 'by-id', match: { image: [byId] }, hardening: { capabilities: { allow: [...allow, 'SYS_CHROOT'] } } },
    { name: 'busybox-raw', match: { image: ['busybox'] }, hardening: { capabilities: { allow: [...allow, 'NET_RAW'] } } },
  ],
});
const suite = dockerSuite(test, async cleanup => {
  scratch = await mkdtemp(join(tmpdir(), 'hardrun-image-e2e-'));
  cleanup(() => rm(scratch, { recursive: true, force: true }));
  const launcher = await policyLauncher(policyFor(`sha256:${'0'.repeat(64)}`));
  cleanup(launcher.remove);
  policyFile = launcher.policy;
  return { runtimes: { 'hardrun-images': { path: launcher.path } } };
}, {
  ready: async daemon => {
    // A second image from the same files: another image id.
    await importBusybox(daemon, 'other:latest');
    await daemon.docker(['tag', 'busybox:latest', 'local/tagged:v1']);
    otherId = (await daemon.docker(['image', 'inspect', '--format', '{{.Id}}', 'other:latest'])).stdout.trim();
    await writeFile(policyFile, JSON.stringify(policyFor(otherId)));
  },
});
const docker = (args: string[]) => suite.docker(args);

async function capabilitiesOf(image: string): Promise<string[]> {
  const result = await docker(['run', '--rm', '--runtime=hardrun-images', '--cap-add', 'NET_RAW', '--cap-add', 'SYS_CHROOT', image, 'cat', '/proc/self/status']);
  if (result.exitCode !== 0) throw new Error(`docker run ${image}: ${result.stderr}`);
  return capabilitiesIn(parseStatus(result.stdout)['CapEff'] ?? '');
}

async function lastCreate(): Promise<{ rule: string; image?: { known: boolean; repository?: string; tag?: string; digests?: string[]; source?: string; reason?: string } }> {
  const lines = (await readFile(join(scratch, 'audit.jsonl'), 'utf8')).trim().split('\n').map(line => JSON.parse(line) as { event: string });
  return lines.filter(line => line.event === 'create').pop() as never;
}

const cases: [string, string, string[], string[]][] = [
  // image as typed, rule, capabilities it keeps beyond the allowlist, those it does not
  ['busybox', 'busybox-raw', ['CAP_NET_RAW'], ['CAP_SYS_CHROOT']],
  ['busybox:latest', 'busybox-raw', ['CAP_NET_RAW'], ['CAP_SYS_CHROOT']],
  ['docker.io/library/busybox', 'busybox-raw', ['CAP_NET_RAW'], ['CAP_SYS_CHROOT']],
  ['local/tagged:v1', 'default', [], ['CAP_NET_RAW', 'CAP_SYS_CHROOT']],
  ['other', 'by-id', ['CAP_SYS_CHROOT'], ['CAP_NET_RAW']],
];
for (const [image, rule, kept, dropped] of cases) {
  test(`docker run ${image}: rule ${rule}, read from Docker's record`, async t => {
    const capabilities = await capabilitiesOf(image);
    for (const name of kept) t.true(capabilities.includes(name), `${name} missing from ${capabilities.join(',')}`);
    for (const name of dropped) t.false(capabilities.includes(name), `${name} kept`);
    const record = await lastCreate();
    t.is(record.rule, rule);
    t.true(record.image?.known);
    t.regex(record.image?.source ?? '', new RegExp(`^Docker's record ${suite.daemon().dataRoot}/containers/[0-9a-f]{64}/config.v2.json$`));
  });
}

test('a container run by image id has no repository: the repository rule does not match it, the id rule does', async t => {
  const busyboxId = (await docker(['image', 'inspect', '--format', '{{.Id}}', 'busybox'])).stdout.trim();
  t.false((await capabilitiesOf(busyboxId.slice('sha256:'.length, 'sha256:'.length + 12))).includes('CAP_NET_RAW'));
  const record = await lastCreate();
  t.is(record.rule, 'default');
  t.deepEqual(record.image?.digests, [busyboxId]);
  t.is(record.image?.repository, undefined);
  t.true((await capabilitiesOf(otherId)).includes('CAP_SYS_CHROOT'));
  t.is((await lastCreate()).rule, 'by-id');
});

test('explain on the live bundle and policy check --image show the rule and why', async t => {
  const started = await docker(['run', '-d', '--runtime=hardrun-images', 'busybox', 'sleep', '600']);
  t.is(started.exitCode, 0, started.stderr);
  const id = started.stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  const explained = await execa(launcherPath, ['explain', '--policy', policyFile, '--bundle', dockerBundle(suite.daemon(), id)], { reject: false });
  t.is(explained.exitCode, 0, explained.stderr);
  t.regex(explained.stdout, /^image: +docker\.io\/library\/busybox:latest sha256:[0-9a-f]{64} \(recorded as "busybox", from Docker's record /m);
  t.regex(explained.stdout, /^rule: +busybox-raw$/m);
  t.regex(explained.stdout, /^ +rule by-id: not matched \(image does not hold\)$/m);
  t.regex(explained.stdout, /^ +rule busybox-raw: matched \(image holds\)$/m);
  const checked = await execa(launcherPath, ['policy', 'check', policyFile, '--image', 'busybox:1.36'], { reject: false });
  t.is(checked.exitCode, 0, checked.stderr);
  t.regex(checked.stdout, /rule busybox-raw: matched \(image holds\)/);
  t.regex(checked.stdout, /decides: rule busybox-raw, backend runc/);
  const elsewhere = await execa(launcherPath, ['policy', 'check', policyFile, '--image', 'registry.example.com/busybox'], { reject: false });
  t.regex(elsewhere.stdout, /no rule matched: the top-level settings apply/);
});
