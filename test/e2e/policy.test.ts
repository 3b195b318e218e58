import test from 'ava';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dockerSuite } from '../helpers/docker-suite.js';
import { findExecutable } from '../helpers/dockerd.js';
import { dockerBundle, dockerRoot, policyLauncher } from '../helpers/hardrun-docker.js';
import { launcherPath } from '../helpers/shipped.js';

/** Policies (files, rules, backends, the audit log), against a private dockerd. */
const runsc = findExecutable('runsc', ['/usr/sbin', '/sbin']) ?? '/usr/bin/runsc';
let scratch = '';
const suite = dockerSuite(test, async cleanup => {
  scratch = await mkdtemp(join(tmpdir(), 'hardrun-policy-e2e-'));
  cleanup(() => rm(scratch, { recursive: true, force: true }));
  // Docker creates a missing -v source on the host; give it one to find,
  // and take it away afterwards if it was not there.
  if (!existsSync('/run/docker.sock')) {
    await writeFile('/run/docker.sock', '');
    cleanup(() => rm('/run/docker.sock', { force: true }));
  }
  const routing = await policyLauncher({
    version: 1,
    backends: { gvisor: { path: runsc, kind: 'runsc', args: ['--network=none'] } },
    sandboxBackend: 'gvisor',
    rules: [{ name: 'admin-in-gvisor', match: { capabilities: ['SYS_ADMIN'] }, backend: 'gvisor', hardening: { capabilities: { allow: ['CAP_SYS_ADMIN'] } } }],
  });
  const auditing = await policyLauncher({
    version: 1,
    audit: { file: join(scratch, 'audit.log') },
    checks: { hostNamespaces: { mode: 'audit' }, sensitiveMounts: { mode: 'audit' } },
  });
  const asking = await policyLauncher({
    version: 1,
    backends: { gvisor: { path: runsc, kind: 'runsc', args: ['--network=none'] } },
    sandboxBackend: 'gvisor',
    checks: { extraCapabilities: { mode: 'sandbox' } },
  });
  cleanup(asking.remove);
  const invalid = join(scratch, 'invalid.yaml');
  await writeFile(invalid, 'version: 1\nbackends:\n  fast:\n    path: 42\ndefaultBackend: fast\n');
  const broken = join(scratch, 'broken-launcher');
  await writeFile(broken, `#!/bin/sh\nexec ${launcherPath} --policy ${invalid} "$@"\n`, { mode: 0o755 });
  for (const launcher of [routing, auditing]) cleanup(launcher.remove);
  return {
    runtimes: {
      hardrun: { path: launcherPath },
      'hardrun-routing': { path: routing.path },
      'hardrun-audit': { path: auditing.path },
      'hardrun-asking': { path: asking.path },
      'hardrun-invalid': { path: broken },
    },
  };
});
const d = suite.daemon;
const docker = (args: string[]) => suite.docker(args);

test('a rule routes containers that ask for CAP_SYS_ADMIN to gVisor, and the rest to runc', async t => {
  const sandboxed = await docker(['run', '--rm', '--runtime=hardrun-routing', '--cap-add', 'SYS_ADMIN', 'busybox', 'dmesg']);
  t.is(sandboxed.exitCode, 0, sandboxed.stderr);
  t.regex(sandboxed.stdout, /gVisor/);
  const plain = await docker(['run', '--rm', '--runtime=hardrun-routing', 'busybox', 'sh', '-c', 'uname -r; cat /proc/self/uid_map']);
  t.is(plain.exitCode, 0, plain.stderr);
  const hostKernel = (await execa('uname', ['-r'])).stdout;
  t.is(plain.stdout.split('\n')[0], hostKernel, 'not under runc: the kernel is not the host kernel');
});

test('extraCapabilities in sandbox mode: --cap-add SYS_ADMIN runs under gVisor with it; a plain container stays on runc', async t => {
  const sandboxed = await docker(['run', '--rm', '--runtime=hardrun-asking', '--cap-add', 'SYS_ADMIN', 'busybox', 'sh', '-c', 'dmesg | head -1; grep CapEff /proc/self/status']);
  t.is(sandboxed.exitCode, 0, sandboxed.stderr);
  t.regex(sandboxed.stdout, /gVisor/);
  const effective = BigInt(`0x${/CapEff:\s*([0-9a-f]+)/.exec(sandboxed.stdout)![1]}`);
  t.true(((effective >> 21n) & 1n) === 1n, `CAP_SYS_ADMIN (bit 21) not in ${effective.toString(16)}`);
  const plain = await docker(['run', '--rm', '--runtime=hardrun-asking', 'busybox', 'uname', '-r']);
  t.is(plain.exitCode, 0, plain.stderr);
  t.is(plain.stdout, (await execa('uname', ['-r'])).stdout);
});

const refusals: [string, string[], RegExp][] = [
  ['-v /var/run/docker.sock:/s', ['-v', '/var/run/docker.sock:/s'], /host path \/var\/run\/docker.sock \(\/run\/docker.sock\) on \/s exposes the host \(check sensitiveMounts, rule default\)/],
  ['-v /:/host', ['-v', '/:/host'], /host path \/ on \/host exposes the host/],
  ['-v /run:/r', ['-v', '/run:/r'], /host path \/run, a parent of \/run\/docker.sock on \/r exposes the host/],
  ['--pid=host', ['--pid=host'], /shares the host's pid namespace \(check hostNamespaces, rule default\)/],
  ['--ipc=host', ['--ipc=host'], /shares the host's IPC namespace/],
  ['--uts=host', ['--uts=host'], /shares the host's UTS \(hostname\) namespace/],
  ['--device /dev/vda', ['--device', '/dev/vda'], /the host device \/dev\/vda \(b \d+:\d+\) is beyond the default devices \(check devices, rule default\); to allow it, a rule for this container \(match.image, say\) sets checks.devices.mode to audit/],
  ['--cap-add SYS_ADMIN', ['--cap-add', 'SYS_ADMIN'], /process.capabilities: the container asks for CAP_SYS_ADMIN \(--cap-add\) beyond hardening.capabilities.allow; no rule grants them under runc .*to sandbox.*\(check extraCapabilities, rule default\)/],
  ['--cap-add IPC_LOCK', ['--cap-add', 'IPC_LOCK'], /asks for CAP_IPC_LOCK \(--cap-add\) beyond hardening.capabilities.allow; to allow them, add them to hardening.capabilities.allow in a rule for this container/],
  ['--privileged', ['--privileged'], /asks for every capability and device \(--privileged\)/],
  ['-w /proc/self/fd', ['-w', '/proc/self/fd'], /the working directory \/proc\/self\/fd is under \/proc/],
];
for (const [what, flags, reason] of refusals) {
  test(`built-in policy refuses ${what}, and docker shows hardrun's sentence`, async t => {
    const result = await docker(['run', '--rm', '--runtime=hardrun', ...flags, 'busybox', 'true']);
    t.not(result.exitCode, 0);
    t.regex(result.stderr, /OCI runtime create failed: hardrun refused this container: /);
    t.regex(result.stderr, reason);
  });
}

test('in audit mode the same container runs, and the audit file holds the finding', async t => {
  const result = await docker(['run', '--rm', '--runtime=hardrun-audit', '--uts=host', 'busybox', 'hostname']);
  t.is(result.exitCode, 0, result.stderr);
  t.is(result.stdout, (await execa('hostname')).stdout, 'the container did not share the host UTS namespace');
  const records = (await readFile(join(scratch, 'audit.log'), 'utf8')).trim().split('\n').map(line => JSON.parse(line) as { event: string; allowed: boolean; checks: { check: string; mode: string; message: string }[] });
  const last = records.filter(record => record.event === 'create').pop()!;
  t.true(last.allowed);
  t.deepEqual(last.checks.map(check => [check.check, check.mode]), [['hostNamespaces', 'audit']]);
  t.regex(last.checks[0]!.message, /UTS/);
});

test('an invalid policy: policy check gives path and line, docker run fails with that reason', async t => {
  const invalid = join(scratch, 'invalid.yaml');
  const check = await execa(launcherPath, ['policy', 'check', invalid], { reject: false });
  t.is(check.exitCode, 1);
  t.is(check.stderr, `${invalid}: backends.fast.path (line 4): must be string`);
  const result = await docker(['run', '--rm', '--runtime=hardrun-invalid', 'busybox', 'true']);
  t.not(result.exitCode, 0);
  t.regex(result.stderr, /OCI runtime create failed: policy .*invalid.yaml is invalid: backends.fast.path \(line 4\): must be string/);
  const badYaml = join(scratch, 'bad.yaml');
  await writeFile(badYaml, 'rules: [\n');
  const yamlCheck = await execa(launcherPath, ['policy', 'check', badYaml], { reject: false });
  t.is(yamlCheck.exitCode, 1);
  t.regex(yamlCheck.stderr, /\(file\) \(line \d\): is not valid YAML/);
});

test('explain on a Docker-generated bundle prints the diff and the backend; a refused one exits non-zero', async t => {
  const started = await docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sleep', '600']);
  t.is(started.exitCode, 0, started.stderr);
  const id = started.stdout.trim();
  t.teardown(() => docker(['rm', '-f', id]).then(() => undefined));
  const bundle = dockerBundle(d(), id);
  t.false((await readdir(bundle)).some(name => name.startsWith('config.') && name !== 'config.json'), 'hardrun added a file to the bundle');
  const rewritten = JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')) as { root: { path: string } };
  const kept = JSON.parse(await readFile(join(dirname(rewritten.root.path), 'caller-config.json'), 'utf8')) as { bundle: string; config: { mounts: object[] } };
  t.is(kept.bundle, bundle);
  const original = kept.config;
  // explain of the live container's own bundle reads that original, not the rewrite.
  const live = await execa(launcherPath, ['explain', '--bundle', bundle, '--id', id, '--root', dockerRoot(d())], { reject: false });
  t.is(live.exitCode, 0, live.stderr);
  t.regex(live.stdout, /^ +\+ root\.readonly: true/m);
  const copy = join(scratch, 'bundle');
  await execa('mkdir', ['-p', copy]);
  await writeFile(join(copy, 'config.json'), JSON.stringify(original));
  const explained = await execa(launcherPath, ['explain', '--bundle', copy, '--id', id], { reject: false });
  t.is(explained.exitCode, 0, explained.stderr);
  t.regex(explained.stdout, /^backend: +runc/m);
  t.regex(explained.stdout, /verdict: +would run/);
  t.regex(explained.stdout, /^ +- process\.capabilities\.bounding: .*"CAP_NET_RAW"/m);
  t.regex(explained.stdout, /^ +\+ root\.readonly: true/m);
  t.is(await readFile(join(copy, 'config.json'), 'utf8'), JSON.stringify(original), 'explain wrote to the bundle');
  await writeFile(join(copy, 'config.json'), JSON.stringify({ ...original, mounts: [...original.mounts, { destination: '/host-etc', type: 'bind', source: '/etc', options: ['rbind'] }] }));
  const refused = await execa(launcherPath, ['explain', '--bundle', copy, '--id', id], { reject: false });
  t.is(refused.exitCode, 1);
  t.regex(refused.stdout, /verdict: +REFUSED/);
  t.regex(refused.stdout, /host path \/etc on \/host-etc exposes the host/);
});
