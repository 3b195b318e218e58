import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { mkdtempSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProbe } from '../fixtures/escapes/corpus.js';
import { importBusybox, startDockerd, type PrivateDocker } from '../helpers/dockerd.js';
import { policyLauncher } from '../helpers/hardrun-docker.js';

/**
 * The escape corpus, part two: the syscalls escapes are made of,
 * each made directly by test/fixtures/escapes/probe.c (compiled statically
 * here, bind-mounted read-only at /probe) under the flags that would have
 * let it through, and each denied. Every call is harmless if it succeeds.
 * A control run under plain runc shows which of them an unhardened
 * container may make, so that their failure here is hardrun's doing.
 */
let daemon: PrivateDocker | undefined;
let allProbes: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
const d = (): PrivateDocker => {
  if (daemon === undefined) throw new Error('private dockerd did not start');
  return daemon;
};
const docker = (args: string[]) => d().docker(args, { reject: false, timeout: 120_000 });
const scratch = mkdtempSync(join(tmpdir(), 'hardrun-escapes-syscalls-'));
const bin = join(scratch, 'bin');

interface SyscallEscape {
  readonly name: string;
  /** `docker run` flags that would let the calls through, were hardrun not there. */
  readonly flags: readonly string[];
  /** Probe names (probe.c), or 'all'. */
  readonly probes: readonly string[] | 'all';
}

/** What each probe must answer under hardrun: EPERM from the seccomp profile, ENOSYS for clone3 (so that libc falls back to clone). */
const expected = (name: string): RegExp => (name === 'clone3-newuser' ? /^ENOSYS$/ : name === 'iopl' || name === 'ioperm' ? /^(EPERM|absent)$/ : /^EPERM$/);

const corpus: SyscallEscape[] = [
  // CAP_SYS_ADMIN: mount(2) and its new API, namespaces, pivot_root (Docker's profile allows them once SYS_ADMIN is added).
  { name: '--cap-add SYS_ADMIN: mount, new mount API, namespaces, pivot_root', flags: ['--cap-add', 'SYS_ADMIN'],
    probes: ['mount-tmpfs', 'mount-cgroup', 'fsopen', 'open_tree', 'pivot_root', 'unshare-mount', 'unshare-user', 'clone-newuser', 'clone3-newuser', 'setns'] },
  // "Shocker" (2014): open_by_handle_at with CAP_DAC_READ_SEARCH reads any host file.
  { name: 'Shocker: --cap-add DAC_READ_SEARCH, open_by_handle_at', flags: ['--cap-add', 'DAC_READ_SEARCH'], probes: ['open_by_handle_at', 'name_to_handle_at'] },
  // CAP_SYS_PTRACE: ptrace and process_vm_* (process injection; host processes are hidden by the pid namespace).
  { name: '--cap-add SYS_PTRACE: ptrace, process_vm_readv, kcmp', flags: ['--cap-add', 'SYS_PTRACE'], probes: ['ptrace', 'process_vm_readv', 'kcmp'] },
  // CAP_SYS_MODULE: a rootkit in the host kernel.
  { name: '--cap-add SYS_MODULE: init_module, finit_module, delete_module', flags: ['--cap-add', 'SYS_MODULE'], probes: ['init_module', 'finit_module', 'delete_module'] },
  // CAP_SYS_BOOT: kexec a new kernel, reboot the host.
  { name: '--cap-add SYS_BOOT: kexec_load, kexec_file_load, reboot', flags: ['--cap-add', 'SYS_BOOT'], probes: ['kexec_load', 'kexec_file_load', 'reboot'] },
  // CAP_SYS_TIME: the host's clock (there is no time namespace for CLOCK_REALTIME).
  { name: '--cap-add SYS_TIME: settimeofday, clock_settime', flags: ['--cap-add', 'SYS_TIME'], probes: ['settimeofday', 'clock_settime'] },
  // CAP_SYS_RAWIO: I/O ports (x86 only).
  { name: '--cap-add SYS_RAWIO: iopl, ioperm', flags: ['--cap-add', 'SYS_RAWIO'], probes: ['iopl', 'ioperm'] },
  // CAP_MKNOD: a node for the host's disk.
  { name: '--cap-add MKNOD: mknod a block device', flags: ['--cap-add', 'MKNOD'], probes: ['mknod-block'] },
  // CAP_SYSLOG: kernel addresses from the log (KASLR bypass).
  { name: '--cap-add SYSLOG: syslog', flags: ['--cap-add', 'SYSLOG'], probes: ['syslog'] },
  // CAP_SYS_PACCT, swap, quotas: host-wide state.
  { name: '--cap-add SYS_PACCT, SYS_ADMIN: acct, swapon, quotactl', flags: ['--cap-add', 'SYS_PACCT', '--cap-add', 'SYS_ADMIN'], probes: ['acct', 'swapon', 'quotactl'] },
  // seccomp=unconfined: the unprivileged kernel attack surface of most local root exploits
  // (CVE-2022-0185 via unshare -U, keyring bugs, eBPF verifier bugs, io_uring bugs, userfaultfd races).
  { name: 'seccomp=unconfined: user namespaces, keyring, bpf, perf, userfaultfd, io_uring', flags: ['--security-opt', 'seccomp=unconfined'],
    probes: ['unshare-user', 'clone-newuser', 'clone3-newuser', 'keyctl', 'add_key', 'request_key', 'bpf', 'perf_event_open', 'userfaultfd', 'io_uring_setup', 'fanotify_init', 'sysfs', 'ptrace', 'process_vm_readv', 'kcmp', 'name_to_handle_at', 'chroot'] },
  // Everything at once: the flags of a "just make it work" docker run.
  { name: '--privileged --cap-add ALL seccomp=unconfined: every probe', flags: ['--privileged', '--cap-add', 'ALL', '--security-opt', 'seccomp=unconfined', '--security-opt', 'systempaths=unconfined'], probes: 'all' },
];

test.before(async () => {
  cleanups.push(() => rm(scratch, { recursive: true, force: true }));
  await chmod(scratch, 0o755);
  await mkdir(bin, { mode: 0o755 });
  // Before the daemon starts: a probe that cannot be built fails every test here at once.
  const probe = await buildProbe(bin);
  allProbes = (await execa(probe, ['--list'])).stdout.split('\n').filter(name => name !== '' && name !== 'connect-docker-sock');
  if (allProbes.length === 0) throw new Error(`${probe} --list named no probes`);
  // The built-in policy refuses an explicit --privileged or --cap-add beyond
  // its allowlist (test/e2e/hardening.test.ts); here the quiet drop lets each
  // escape run, to prove that what is left of it fails inside.
  const quiet = await policyLauncher({ version: 1, checks: { extraCapabilities: { mode: 'harden' } } });
  cleanups.push(quiet.remove);
  daemon = await startDockerd({ runtimes: { hardrun: { path: quiet.path } } });
  await importBusybox(daemon);
});

test.after.always(async () => {
  await daemon?.stop();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Runs probes in a container; returns each probe's answer. */
async function runProbes(t: ExecutionContext, runtime: string, flags: readonly string[], names: readonly string[]): Promise<Map<string, string> | undefined> {
  const result = await docker(['run', '--rm', `--runtime=${runtime}`, ...flags, '-v', `${bin}:/probe:ro`, 'busybox', '/probe/probe', ...names]);
  t.is(result.exitCode, 0, `${runtime}: ${result.stderr}`);
  if (result.exitCode !== 0) return undefined;
  const answers = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const match = /^probe (\S+): (.+)$/.exec(line);
    if (match !== null) answers.set(match[1]!, match[2]!);
  }
  return answers;
}

for (const escape of corpus) {
  test(escape.name, async t => {
    const names = escape.probes === 'all' ? allProbes : escape.probes;
    const answers = await runProbes(t, 'hardrun', escape.flags, names);
    if (answers === undefined) return;
    for (const name of names) t.regex(answers.get(name) ?? '(no answer)', expected(name), `${name} under hardrun`);
  });
}

test('control: what plain runc with seccomp=unconfined lets through, hardrun denies', async t => {
  const flags = ['--security-opt', 'seccomp=unconfined'];
  const plain = await runProbes(t, 'runc', flags, allProbes);
  const hardened = await runProbes(t, 'hardrun', flags, allProbes);
  if (plain === undefined || hardened === undefined) return;
  const through = allProbes.filter(name => plain.get(name) === 'ok');
  t.log(`plain runc let through: ${through.join(', ')}`);
  // unshare(CLONE_NEWUSER) needs no privilege at all: the first step of CVE-2022-0185 and its kind.
  t.true(through.includes('unshare-user'), 'the control shows nothing: is this kernel without user namespaces?');
  for (const name of through) t.regex(hardened.get(name) ?? '(no answer)', expected(name), `${name}: plain runc allowed it, hardrun must not`);
});

test('Shocker, control: plain runc with --cap-add DAC_READ_SEARCH opens the host root by handle, hardrun does not', async t => {
  const flags = ['--cap-add', 'DAC_READ_SEARCH'];
  const plain = await runProbes(t, 'runc', flags, ['open_by_handle_at']);
  const hardened = await runProbes(t, 'hardrun', flags, ['open_by_handle_at']);
  // Docker's own profile allows open_by_handle_at once DAC_READ_SEARCH is added; the handle is the
  // root inode of the filesystem that holds /etc/hosts (ext4 here); other filesystems may refuse it.
  t.log(`plain runc: open_by_handle_at ${plain?.get('open_by_handle_at') ?? '?'}`);
  t.is(hardened?.get('open_by_handle_at'), 'EPERM');
});

// The daemon here runs with its own --data-root, --exec-root and socket, as a
// host with its data root on another disk does: none is on the built-in list.
const ownPaths: [string, () => string[], RegExp][] = [
  ["the daemon's socket at a non-default path", () => ['-v', `${d().sock}:/docker.sock`], /hands over a Unix socket, a host service's API/],
  ["the daemon's data root at a non-default path", () => ['-v', `${d().dataRoot}:/data`], /exposes the engine's data root \(above the rootfs\)/],
  ["another container's files under that data root", () => ['-v', `${d().dataRoot}/containers:/c`], /, under .* exposes the engine's data root/],
  ["the daemon's exec root at a non-default path", () => ['-v', `${d().execRoot}:/exec`], /exposes the engine's exec root/],
  ["containerd's socket, a parent of nothing on the list", () => ['-v', `${d().containerdSock}:/c.sock`], /hands over a Unix socket|exposes containerd's state/],
];
for (const [name, flags, refused] of ownPaths) {
  test(`${name}: refused, with how to allow it`, async t => {
    const result = await docker(['run', '--rm', '--runtime=hardrun', ...flags(), 'busybox', 'sh', '-c', 'echo "@@ESCAPED ran"']);
    const output = `${result.stdout}\n${result.stderr}`;
    t.not(result.exitCode, 0, output);
    t.regex(result.stderr, /OCI runtime create failed: hardrun refused this container: /, output);
    t.regex(result.stderr, refused, output);
    t.regex(result.stderr, /list the path in checks\.sensitiveMounts\.allow to allow it/, output);
    t.notRegex(output, /@@ESCAPED/, output);
  });
}
