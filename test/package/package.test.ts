import test from 'ava';
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ensureTools } from '../helpers/package-tools.js';
import { debPath, distDir, extractDeb, packageVersion, sourceCommit, type Extracted } from '../helpers/packages.js';

/**
 * What `npm run package` left in dist/ (npm run test:package builds it just
 * before): both packages as an operator gets them, the arm64 one run under
 * qemu so that a broken cross-build cannot ship, lintian, and a second build
 * that must give the same bytes.
 */
const arches = ['amd64', 'arm64'] as const;
const elfMachine = { amd64: 'Advanced Micro Devices X86-64', arm64: 'AArch64' };
const engineIn = (root: string): string => join(root, 'usr/libexec/hardrun/hardrun-engine');
const examplePolicyIn = (root: string): string => join(root, 'usr/share/doc/hardrun/examples/policy.yaml');

const unpacked = new Map<string, Extracted>();
test.before(async () => {
  await ensureTools(['dpkg-deb', 'readelf', 'lintian', 'qemu-aarch64-static', '/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1']);
  for (const arch of arches) unpacked.set(arch, await extractDeb(debPath(arch)));
});
test.after.always(async () => {
  for (const extracted of unpacked.values()) await extracted.remove();
});

const rootOf = (arch: string): string => {
  const extracted = unpacked.get(arch);
  if (extracted === undefined) throw new Error(`the ${arch} package was not unpacked`);
  return extracted.root;
};

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

test('SHA256SUMS beside the packages checks both', t => {
  const expected = arches.map(arch => `${sha256(debPath(arch))}  hardrun_${packageVersion}_${arch}.deb\n`).join('');
  t.is(readFileSync(join(distDir, 'SHA256SUMS'), 'utf8'), expected);
});

for (const arch of arches) {
  test(`the ${arch} package is for ${arch}: its control says so and its engine is ${arch} code`, async t => {
    const field = (name: string) => execa('dpkg-deb', ['-f', debPath(arch), name]).then(result => result.stdout.trim());
    t.is(await field('Architecture'), arch);
    t.is(await field('Version'), packageVersion);
    const header = (await execa('readelf', ['-h', engineIn(rootOf(arch))])).stdout;
    t.is(/Machine:\s*(.+)/.exec(header)?.[1]?.trim(), elfMachine[arch]);
  });
}

test('control depends on runc and libc6, and suggests crun and runsc', async t => {
  for (const arch of arches) {
    const depends = (await execa('dpkg-deb', ['-f', debPath(arch), 'Depends'])).stdout;
    t.regex(depends, /^libc6 \(>= 2\.\d+\), runc$/m);
    t.regex((await execa('dpkg-deb', ['-f', debPath(arch), 'Suggests'])).stdout, /\bcrun\b.*\brunsc\b/);
  }
});

test('the package installs the launcher and shim front in /usr/bin, the engine in /usr/libexec/hardrun, docs and hardrun(8), all root\'s', async t => {
  for (const arch of arches) {
    const listing = (await execa('dpkg-deb', ['-c', debPath(arch)])).stdout.split('\n');
    const entry = (path: string) => listing.find(line => line.endsWith(` ./${path}`) || line.includes(` ./${path} -> `));
    t.regex(entry('usr/bin/hardrun') ?? '', /^-rwxr-xr-x root\/root /);
    t.regex(entry('usr/bin/containerd-shim-hardrun-v2') ?? '', /^-rwxr-xr-x root\/root /);
    t.regex(entry('usr/libexec/hardrun/hardrun-engine') ?? '', /^-rwxr-xr-x root\/root /);
    t.regex(entry('usr/libexec/hardrun/runc-path/runc') ?? '', /-> \.\.\/\.\.\/\.\.\/bin\/hardrun$/);
    for (const doc of ['usr/share/doc/hardrun/copyright', 'usr/share/doc/hardrun/changelog.gz', 'usr/share/doc/hardrun/examples/policy.yaml', 'usr/share/man/man8/hardrun.8.gz']) {
      t.regex(entry(doc) ?? '', /^-rw-r--r-- root\/root /, doc);
    }
    t.true(listing.every(line => line.includes(' root/root ')), 'every entry is owned by root');
    t.is(readFileSync(join(rootOf(arch), 'usr/bin/hardrun'), 'utf8'), readFileSync('bin/hardrun', 'utf8'), 'the launcher is bin/hardrun');
  }
});

/** roff back to the text it shows: what the man page generator escaped. */
const unescapeRoff = (roff: string): string => roff.split('\n').map(line => line.replace(/^\\&/, '').replace(/\\-/g, '-').replace(/\\e/g, '\\')).join('\n');

test('hardrun(8) carries hardrun --help and every one of its commands\' --help as the packaged engine prints them', async t => {
  const engine = engineIn(rootOf('amd64'));
  const page = unescapeRoff(gunzipSync(await readFile(join(rootOf('amd64'), 'usr/share/man/man8/hardrun.8.gz'))).toString());
  const env = { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8' };
  const overview = (await execa(engine, ['--help'], { env, extendEnv: false })).stdout;
  t.true(page.includes(overview), 'the overview');
  const commands = [...overview.matchAll(/^ {2}hardrun ([a-z-]+)/gm)].map(match => match[1] ?? '');
  t.true(commands.length >= 6, commands.join(' '));
  for (const command of commands) {
    const help = (await execa(engine, [command, '--help'], { env, extendEnv: false })).stdout;
    t.true(page.includes(help), `hardrun ${command} --help`);
  }
  const rendered = await execa('man', ['--warnings', '-E', 'UTF-8', '-l', '-Tutf8', '-Z', '-'], { input: gunzipSync(await readFile(join(rootOf('amd64'), 'usr/share/man/man8/hardrun.8.gz'))) });
  t.is(rendered.stderr, '', 'groff has no warning');
});

/** A bundle of Docker's --privileged config: explain refuses it, with reasons, and shows the hardening. */
async function privilegedBundle(): Promise<{ bundle: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-package-bundle-'));
  const bundle = join(dir, 'bundle');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await copyFile(resolve('test/fixtures/specs/docker-privileged.json'), join(bundle, 'config.json'));
  return { bundle, remove: () => rm(dir, { recursive: true, force: true }) };
}

test('the arm64 engine runs under qemu-aarch64-static, and answers --version, policy check and explain as the amd64 engine does', async t => {
  const { bundle, remove } = await privilegedBundle();
  t.teardown(remove);
  const commit = await sourceCommit();
  const run = async (arch: 'amd64' | 'arm64', args: string[]) => {
    const engine = engineIn(rootOf(arch));
    const [file, argv] = arch === 'arm64' ? ['qemu-aarch64-static', ['-L', '/usr/aarch64-linux-gnu', engine, ...args]] as const : [engine, args] as const;
    const result = await execa(file, argv, { reject: false, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, extendEnv: false });
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  };
  const version = await run('arm64', ['--version']);
  t.is(version.exitCode, 0, version.stderr);
  t.true(version.stdout.startsWith(`hardrun version ${packageVersion}\ncommit: ${commit}\n\n`), version.stdout);

  const policy = examplePolicyIn(rootOf('arm64'));
  const check = await run('arm64', ['policy', 'check', policy]);
  t.is(check.exitCode, 0, check.stderr);
  t.is(check.stdout.trim(), `${policy}: valid`);

  const explain = await run('arm64', ['explain', '--bundle', bundle, '--policy', policy]);
  t.regex(explain.stdout, /verdict: +REFUSED/);
  t.regex(explain.stdout, /\[changed\] process\.capabilities/);
  // The seccomp profile names the architectures of the machine the engine runs on: the one line that must differ.
  const architectures = /^ *\+ linux\.seccomp\.architectures: (.*)$/m;
  t.is(architectures.exec(explain.stdout)?.[1], '"SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"');
  const amd64 = await run('amd64', ['explain', '--bundle', bundle, '--policy', policy]);
  t.is(architectures.exec(amd64.stdout)?.[1], '"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"');
  const sameArch = (outcome: typeof amd64) => ({ ...outcome, stdout: outcome.stdout.replace(architectures, '(architectures)') });
  t.deepEqual(sameArch(explain), sameArch(amd64), 'otherwise the same answer from both builds');
});

test('lintian reports no error on either package', async t => {
  // lintian leaves temporary directories of its own (mldbm-elf-*) in TMPDIR: give it one that goes.
  const scratch = await mkdtemp(join(tmpdir(), 'hardrun-lintian-'));
  t.teardown(() => rm(scratch, { recursive: true, force: true }));
  for (const arch of arches) {
    const result = await execa('lintian', ['--fail-on', 'error', debPath(arch)], { reject: false, env: { TMPDIR: scratch } });
    t.is(result.exitCode, 0, `${arch}: ${result.stdout}`);
    t.notRegex(result.stdout, /^E: /m, arch);
  }
});

test('a second build of the same source gives the same bytes', async t => {
  const again = await mkdtemp(join(tmpdir(), 'hardrun-package-again-'));
  t.teardown(() => rm(again, { recursive: true, force: true }));
  await execa('node', ['build/src/packaging/build-deb.js', again]);
  t.is(await readFile(join(again, 'SHA256SUMS'), 'utf8'), await readFile(join(distDir, 'SHA256SUMS'), 'utf8'));
  for (const arch of arches) t.is(sha256(join(again, `hardrun_${packageVersion}_${arch}.deb`)), sha256(debPath(arch)), arch);
});
