import test from 'ava';
import { execa } from 'execa';
import { existsSync, mkdtempSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fallbackRange, readSubidRange } from '../../src/host/subid.js';
import { engineApi, hostNamespace, importImage, refusedPrefix, removeIfEmpty, rootDisk, tryEscape, type Escape } from '../fixtures/escapes/corpus.js';
import { importBusybox, startDockerd, type PrivateDocker } from '../helpers/dockerd.js';
import { policyLauncher } from '../helpers/hardrun-docker.js';

/**
 * The escape corpus, part one: the public record of container
 * escapes, each tried through `docker run --runtime=hardrun` with busybox
 * alone, and each refused (hardrun's sentence on docker's stderr) or shown
 * to fail from inside. Syscall-level attempts, which need a small C prober,
 * are in escapes-syscalls.test.ts. docs/threat-model.md maps each to what stops it.
 */
let daemon: PrivateDocker | undefined;
const cleanups: (() => Promise<void>)[] = [];
const d = (): PrivateDocker => {
  if (daemon === undefined) throw new Error('private dockerd did not start');
  return daemon;
};
const docker = (args: string[]) => d().docker(args, { reject: false, timeout: 120_000 });

// Known before the daemon starts, so that the table can name them.
const scratch = mkdtempSync(join(tmpdir(), 'hardrun-escapes-'));
const shared = join(scratch, 'shared'); // a shared bind mount, made in before()
const nodes = join(scratch, 'dev'); // device nodes made with mknod in before()
const disk = rootDisk();
const hostPid = hostNamespace('pid');
const hostIpc = hostNamespace('ipc');
const hostUts = hostNamespace('uts');

/** A line the script prints when the step it follows worked. */
const escaped = (step: string) => `echo "@@ESCAPED ${step}"`;
const noIdmapRuntime = 'hardrun-no-idmap';

const corpus: Escape[] = [
  // ---- --privileged and capabilities: each step fails inside ----
  // "--privileged gives every host device": the classic first step of mounting the host's disk.
  { name: '--privileged: /dev holds only the default devices', flags: ['--privileged'],
    script: [
      'for n in $(find /dev \\( -type b -o -type c \\) ! -path "/dev/pts/*"); do',
      // null, zero, full, random, urandom, tty, console, ptmx (stat prints hex)
      `  case "$(stat -c %t:%T $n)" in 1:3|1:5|1:7|1:8|1:9|5:0|5:1|5:2) ;; *) ${escaped('device $n')};; esac`,
      'done; echo "@@devices checked"',
    ].join('\n'),
    expect: { inside: /@@devices checked/ } },
  // "mount /dev/sda1 /mnt" from a privileged container (the usual --privileged writeup).
  { name: '--privileged: mount the host disk /dev/vda', flags: ['--privileged'],
    script: `mount /dev/vda /mnt && ${escaped('mounted the disk')}`, expect: { inside: /mount: .*(No such file|not permitted|permission denied)/i } },
  // The same, after making the node: mknod of the host's root disk.
  { name: '--privileged: mknod the host root disk, then mount it', flags: ['--privileged'],
    script: `mknod /tmp/disk b ${disk.major} ${disk.minor} && ${escaped('mknod')}; mount /tmp/disk /mnt && ${escaped('mounted')}`,
    expect: { inside: /mknod: \/tmp\/disk: Operation not permitted/ } },
  // CAP_SYS_ADMIN's mount(2): the root of most writeups (e.g. the release_agent PoC).
  { name: '--cap-add SYS_ADMIN: mount -t tmpfs', flags: ['--cap-add', 'SYS_ADMIN'],
    script: `mount -t tmpfs none /mnt && ${escaped('mount')}`, expect: { inside: /mount: permission denied/ } },
  { name: '--cap-add SYS_ADMIN: unshare -m', flags: ['--cap-add', 'SYS_ADMIN'],
    script: `unshare -m true && ${escaped('unshare -m')}`, expect: { inside: /unshare: unshare\(0x20000\): Operation not permitted/ } },
  // CVE-2022-0492: a new user namespace hands back CAP_SYS_ADMIN, then cgroup v1 is mounted.
  { name: 'CVE-2022-0492: unshare -Urm, then mount cgroup', flags: ['--cap-add', 'SYS_ADMIN'],
    script: `unshare -Urm sh -c "mount -t cgroup -o rdma cgroup /mnt" && ${escaped('unshare -Urm')}`,
    expect: { inside: /unshare: unshare\(0x\w+\): Operation not permitted/ } },
  // Felix Wilhelm's release_agent PoC (2019): mount cgroup v1, notify_on_release, release_agent.
  { name: 'release_agent (2019 PoC) with --cap-add SYS_ADMIN', flags: ['--cap-add', 'SYS_ADMIN'],
    script: [
      'mkdir -p /tmp/cgrp && mount -t cgroup -o rdma cgroup /tmp/cgrp && {',
      `  ${escaped('cgroup mounted')}`,
      `  mkdir /tmp/cgrp/x && echo 1 > /tmp/cgrp/x/notify_on_release && ${escaped('notify_on_release')}`,
      `  echo /cmd > /tmp/cgrp/release_agent && ${escaped('release_agent')}`,
      '}',
    ].join('\n'), expect: { inside: /mount: permission denied/ } },
  // The same from --privileged, through the cgroup mounts the container already has.
  { name: 'release_agent through the existing cgroup mounts, --privileged', flags: ['--privileged', '--security-opt', 'systempaths=unconfined'],
    script: [
      `for f in /sys/fs/cgroup/*/release_agent; do [ -e "$f" ] && { echo /cmd > "$f" && ${escaped('release_agent')}; }; done`,
      `for d in /sys/fs/cgroup/*/; do (echo 1 > "$d"notify_on_release) 2>&1 && ${escaped('notify_on_release')}; done`,
    ].join('\n'), expect: { inside: /notify_on_release: Read-only file system/ } },
  // Loading a kernel module: CAP_SYS_MODULE.
  { name: '--cap-add SYS_MODULE: insmod', flags: ['--cap-add', 'SYS_MODULE'],
    script: `head -c 512 /dev/urandom > /tmp/rootkit.ko; insmod /tmp/rootkit.ko && ${escaped('insmod')}`, expect: { inside: /insmod: can't insert '\/tmp\/rootkit.ko': Operation not permitted/ } },
  // CAP_NET_ADMIN: netfilter, routing, and a large kernel surface.
  { name: '--cap-add NET_ADMIN: ip link add', flags: ['--cap-add', 'NET_ADMIN'],
    script: `ip link add hardrun0 type dummy && ${escaped('ip link add')}`, expect: { inside: /RTNETLINK answers: Operation not permitted/ } },
  // CAP_SYS_TIME: the host's clock (set to the time it already has).
  { name: '--cap-add SYS_TIME: date -s', flags: ['--cap-add', 'SYS_TIME'],
    script: 'date -s "$(date "+%Y-%m-%d %H:%M:%S")"', expect: { inside: /date: can't set date: Operation not permitted/ } },
  // CAP_MKNOD: a block device node for the host's disk.
  { name: '--cap-add MKNOD: mknod a block device', flags: ['--cap-add', 'MKNOD'],
    script: `mknod /tmp/disk b ${disk.major} ${disk.minor} && ${escaped('mknod')}`, expect: { inside: /mknod: \/tmp\/disk: Operation not permitted/ } },
  // CAP_SYS_PTRACE against host processes: the pid namespace hides them (ptrace itself: escapes-syscalls).
  { name: '--cap-add SYS_PTRACE: host processes are out of sight', flags: ['--cap-add', 'SYS_PTRACE'],
    script: 'echo "@@ns $(readlink /proc/self/ns/pid)"; echo "@@init $(tr "\\0" " " < /proc/1/cmdline)"',
    expect: { inside: /^@@init sh -c /m, never: new RegExp(`@@ESCAPED|${escapeRegExp(hostPid)}`) } },
  // CAP_SYSLOG / dmesg: kernel addresses for exploits.
  { name: '--cap-add SYSLOG: dmesg', flags: ['--cap-add', 'SYSLOG'],
    script: `dmesg >/dev/null && ${escaped('dmesg')}`, expect: { inside: /dmesg: klogctl: Operation not permitted/ } },
  // "core_pattern escape" from a privileged container: a pipe handler run as host root.
  { name: 'core_pattern: write /proc/sys/kernel/core_pattern, --privileged', flags: ['--privileged'],
    script: `echo "|/tmp/pwn %p" > /proc/sys/kernel/core_pattern && ${escaped('core_pattern')}`, expect: { inside: /core_pattern: Read-only file system/ } },
  { name: 'core_pattern: with systempaths=unconfined, and remounting /proc/sys', flags: ['--privileged', '--security-opt', 'systempaths=unconfined', '--security-opt', 'seccomp=unconfined'],
    script: [
      `mount -o remount,rw /proc/sys && ${escaped('remount')}`,
      `umount /proc/sys && ${escaped('umount')}`,
      `echo "|/tmp/pwn %p" > /proc/sys/kernel/core_pattern && ${escaped('core_pattern')}`,
    ].join('\n'), expect: { inside: /core_pattern: Read-only file system/ } },
  // modprobe_path: the kernel runs it as host root on an unknown binary format (absent without CONFIG_MODULES).
  { name: 'modprobe_path: write /proc/sys/kernel/modprobe, --privileged', flags: ['--privileged'],
    script: `echo /tmp/pwn > /proc/sys/kernel/modprobe && ${escaped('modprobe')}`, expect: { inside: /modprobe: (Read-only file system|nonexistent directory)/ } },
  // sysrq-trigger: crash or reboot the host (absent on kernels without CONFIG_MAGIC_SYSRQ).
  { name: 'sysrq-trigger: write it, --privileged', flags: ['--privileged', '--security-opt', 'systempaths=unconfined'],
    script: `echo h > /proc/sysrq-trigger && ${escaped('sysrq')}`, expect: { inside: /sysrq-trigger: (Read-only file system|nonexistent directory|No such file)/ } },
  // uevent_helper: the kernel runs it as host root on every uevent.
  { name: 'uevent_helper: write /sys/kernel/uevent_helper, --privileged', flags: ['--privileged'],
    script: `echo /tmp/pwn > /sys/kernel/uevent_helper && ${escaped('uevent_helper')}`, expect: { inside: /uevent_helper: Read-only file system/ } },

  // ---- host mounts and sockets: refused ----
  // "docker.sock mounted in a container" (the Docker API is root on the host).
  { name: '-v /var/run/docker.sock', flags: ['-v', '/var/run/docker.sock:/s'], expect: { refused: /host path \/var\/run\/docker.sock \(\/run\/docker.sock\) on \/s exposes the host \(check sensitiveMounts/ } },
  // "-v /:/host" then chroot /host.
  { name: '-v /:/host', flags: ['-v', '/:/host'], expect: { refused: /host path \/ on \/host exposes the host/ } },
  // /etc: add a user, a cron job, a sudoers line.
  { name: '-v /etc', flags: ['-v', '/etc:/x'], expect: { refused: /host path \/etc on \/x exposes the host/ } },
  // /proc: /proc/1/root, /proc/sys, /proc/sysrq-trigger of the host.
  { name: '-v /proc', flags: ['-v', '/proc:/p'], expect: { refused: /host path \/proc on \/p exposes the host/ } },
  // /sys: uevent_helper, cgroup release_agent, firmware.
  { name: '-v /sys', flags: ['-v', '/sys:/s'], expect: { refused: /host path \/sys on \/s exposes the host/ } },
  { name: '-v /sys/fs/cgroup', flags: ['-v', '/sys/fs/cgroup:/cg'], expect: { refused: /host path \/sys\/fs\/cgroup, under \/sys on \/cg exposes the host/ } },
  // /dev: the host's disks and memory.
  { name: '-v /dev', flags: ['-v', '/dev:/d'], expect: { refused: /host path \/dev on \/d exposes the host/ } },
  // Docker's state: other containers' filesystems, and its keys.
  { name: '-v /var/lib/docker', flags: ['-v', '/var/lib/docker:/d'], expect: { refused: /host path \/var\/lib\/docker on \/d exposes the host/ } },
  // The parent of the socket.
  { name: '-v /run (parent of docker.sock)', flags: ['-v', '/run:/r'], expect: { refused: /host path \/run, a parent of \/run\/docker.sock on \/r exposes the host/ } },
  { name: '-v /var/run (a symlink to /run)', flags: ['-v', '/var/run:/r'], expect: { refused: /host path \/var\/run \(\/run\), a parent of \/run\/docker.sock on \/r exposes the host/ } },
  { name: '-v /var (parent of /var/lib/docker)', flags: ['-v', '/var:/v'], expect: { refused: /host path \/var, a parent of \/var\/lib\/docker on \/v exposes the host/ } },
  // Root's home: SSH keys, credentials.
  { name: '-v /root', flags: ['-v', '/root:/r'], expect: { refused: /host path \/root on \/r exposes the host/ } },
  // A symlink to / in an innocent-looking directory.
  { name: '-v a symlink to / made in a temporary directory', flags: ['-v', `${scratch}/link:/h`], expect: { refused: new RegExp(`host path ${escapeRegExp(scratch)}/link \\(/\\) on /h exposes the host`) } },

  // ---- host mounts that are not on the list: the user namespace neutralizes them ----
  // Aqua's /var/log escape (2019): a symlink planted where a host log reader follows it.
  { name: '-v /var/log: plant a symlink to /', flags: ['-v', '/var/log:/hostlog'],
    script: `ln -s / /hostlog/hardrun-escape-link && ${escaped('symlink planted')}`, expect: { inside: /ln: \/hostlog\/hardrun-escape-link: Permission denied/ } },
  // Planting a binary on the host's PATH.
  { name: '-v /usr: plant a binary', flags: ['-v', '/usr:/hostusr'],
    script: `touch /hostusr/local/bin/hardrun-escape && ${escaped('binary planted')}`, expect: { inside: /touch: \/hostusr\/local\/bin\/hardrun-escape: Permission denied/ } },

  // ---- host namespaces ----
  { name: '--pid=host', flags: ['--pid=host'], expect: { refused: /shares the host's pid namespace \(check hostNamespaces/ } },
  { name: '--ipc=host', flags: ['--ipc=host'], expect: { refused: /shares the host's IPC namespace/ } },
  { name: '--uts=host', flags: ['--uts=host'], expect: { refused: /shares the host's UTS \(hostname\) namespace/ } },
  // Docker joins the host's network namespace by path (exec-root/netns/default).
  { name: '--net=host', flags: ['--net=host'], expect: { refused: /shares the host's network namespace \(check hostNamespaces/ } },
  // Meaningful only with userns-remap: hardrun maps root anyway.
  { name: '--userns=host: root is still mapped', flags: ['--userns=host'],
    script: 'echo "@@uid_map $(cat /proc/self/uid_map)"', expect: { inside: /^@@uid_map\s+0\s+[1-9]\d*\s+\d+$/m } },
  // On cgroup v1 this is Docker's default: the cgroup mounts stay the container's own subtree, read-only.
  { name: '--cgroupns=host: no release_agent, cgroup mounts read-only', flags: ['--cgroupns=host'],
    script: [
      'for m in $(awk \'$3 ~ /^cgroup/ {print $2}\' /proc/self/mounts); do',
      `  [ -e "$m/release_agent" ] && ${escaped('release_agent in $m')}`,
      `  touch "$m/hardrun-probe" && ${escaped('wrote in $m')}`,
      'done',
    ].join('\n'), expect: { inside: /touch: \/sys\/fs\/cgroup\/[^:]*: Read-only file system/ } },

  // ---- a working directory under /proc (CVE-2024-21626, "Leaky Vessels") ----
  { name: 'CVE-2024-21626: -w /proc/self/fd/7', flags: ['-w', '/proc/self/fd/7'], expect: { refused: /the working directory \/proc\/self\/fd\/7 is under \/proc, where a leaked host file descriptor can be reached \(check procCwd/ } },
  { name: 'CVE-2024-21626: -w /proc/1/cwd', flags: ['-w', '/proc/1/cwd'], expect: { refused: /the working directory \/proc\/1\/cwd is under \/proc/ } },

  // ---- devices: judged by type and numbers, not by name ----
  { name: '--device /dev/kmsg', flags: ['--device', '/dev/kmsg'], expect: { refused: /the host device \/dev\/kmsg \(c 1:11\) is beyond the default devices \(check devices/ } },
  { name: '--device /dev/mem', flags: ['--device', `${nodes}/mem:/dev/mem`], expect: { refused: /the host device \/dev\/mem \(c 1:1\) is beyond the default devices/ } },
  { name: '--device of the host root disk', flags: ['--device', `${nodes}/disk:/dev/vda`], expect: { refused: new RegExp(`the host device /dev/vda \\(b ${disk.major}:${disk.minor}\\) is beyond the default devices`) } },
  // /dev/mem renamed /dev/null: the name means nothing to the kernel.
  { name: '--device /dev/mem disguised as /dev/null', flags: ['--device', `${nodes}/mem:/dev/null`], expect: { refused: /the host device \/dev\/null \(c 1:1\) is beyond the default devices/ } },

  // ---- sysctls: the namespaced ones run (kernel.core_pattern: a test of its own below) ----
  { name: '--sysctl net.ipv4.ip_forward=1 (namespaced) runs', flags: ['--sysctl', 'net.ipv4.ip_forward=1'],
    script: 'echo "@@ip_forward $(cat /proc/sys/net/ipv4/ip_forward)"', expect: { inside: /^@@ip_forward 1$/m } },
  { name: '--sysctl kernel.shm_rmid_forced=1 (IPC namespace) runs', flags: ['--sysctl', 'kernel.shm_rmid_forced=1'],
    script: 'echo "@@shm_rmid_forced $(cat /proc/sys/kernel/shm_rmid_forced)"', expect: { inside: /^@@shm_rmid_forced 1$/m } },

  // ---- mount propagation: a container's mounts would reach the host ----
  { name: '-v ...:rshared', flags: ['-v', `${shared}:/x:rshared`], expect: { refused: /the mount on \/x has "rshared" propagation, which shares mounts with the host \(check mountPropagation/ } },
  { name: '--mount bind-propagation=shared', flags: ['--mount', `type=bind,src=${shared},dst=/x,bind-propagation=shared`], expect: { refused: /rootfs propagation "shared" would share the container's mounts with the host/ } },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test.before(async () => {
  cleanups.push(() => rm(scratch, { recursive: true, force: true }));
  await chmod(scratch, 0o755);
  await symlink('/', join(scratch, 'link'));
  await mkdir(nodes);
  await execa('mknod', [join(nodes, 'mem'), 'c', '1', '1']);
  await execa('mknod', [join(nodes, 'disk'), 'b', String(disk.major), String(disk.minor)]);
  // Docker accepts rshared only on a source that sits on a shared mount.
  await mkdir(shared);
  await execa('mount', ['--bind', shared, shared]);
  cleanups.push(async () => { await execa('umount', [shared], { reject: false }); });
  await execa('mount', ['--make-shared', shared]);
  // Should the /var/log or /usr entries ever get through, what they planted goes.
  cleanups.push(async () => {
    await rm('/var/log/hardrun-escape-link', { force: true });
    await rm('/usr/local/bin/hardrun-escape', { force: true });
  });
  // Docker creates a missing -v source as a directory: give it the file it expects.
  if (!existsSync('/run/docker.sock')) {
    await writeFile('/run/docker.sock', '');
    cleanups.push(() => {
      removeIfEmpty('/run/docker.sock');
      return Promise.resolve();
    });
  }
  // The built-in policy refuses an explicit --privileged or --cap-add beyond
  // its allowlist (test/e2e/hardening.test.ts); here the quiet drop lets each
  // escape run, to prove that what is left of it fails inside.
  const quiet = await policyLauncher({ version: 1, checks: { extraCapabilities: { mode: 'harden' } } });
  cleanups.push(quiet.remove);
  const noIdmap = await policyLauncher({ version: 1, checks: { extraCapabilities: { mode: 'harden' } }, hardening: { userNamespace: { idmapMounts: 'none' } } });
  cleanups.push(noIdmap.remove);
  daemon = await startDockerd({ runtimes: { hardrun: { path: quiet.path }, [noIdmapRuntime]: { path: noIdmap.path } } });
  await importBusybox(daemon);
});

test.after.always(async () => {
  await daemon?.stop();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

for (const escape of corpus) {
  test(escape.name, async t => {
    await tryEscape(t, d(), escape);
  });
}

test('namespaces: a container shares none of pid, ipc, uts with the host', async t => {
  const result = await docker(['run', '--rm', '--runtime=hardrun', 'busybox', 'sh', '-c', 'for ns in pid ipc uts; do readlink /proc/self/ns/$ns; done']);
  t.is(result.exitCode, 0, result.stderr);
  for (const host of [hostPid, hostIpc, hostUts]) t.false(result.stdout.includes(host), `${host} shared`);
});

// The docker CLI refuses kernel.* sysctls itself; the Engine API (and a Kubernetes pod's sysctls) reach hardrun.
for (const [name, value] of [['kernel.core_pattern', '|/tmp/pwn %p'], ['kernel.modprobe', '/tmp/pwn']] as const) {
  test(`--sysctl ${name} through the Engine API is refused, and the host's value is unchanged`, async t => {
    // kernel.modprobe exists only on kernels with module support.
    const hostValue = () => readFile(`/proc/sys/${name.replaceAll('.', '/')}`, 'utf8').catch(() => '(absent)');
    const before = await hostValue();
    const cli = await docker(['run', '--rm', '--runtime=hardrun', '--sysctl', `${name}=${value}`, 'busybox', 'true']);
    t.not(cli.exitCode, 0);
    // Docker 20.10's CLI refuses it before any runtime; a CLI that lets it through must meet hardrun.
    t.regex(cli.stderr, /is not whitelisted|hardrun refused this container: .*check sysctls/, cli.stderr);
    const created = await engineApi(d(), 'POST', '/containers/create', { Image: 'busybox', Cmd: ['true'], HostConfig: { Runtime: 'hardrun', Sysctls: { [name]: value } } });
    t.is(created.status, 201, created.body);
    const id = (JSON.parse(created.body) as { Id: string }).Id;
    t.teardown(async () => { await engineApi(d(), 'DELETE', `/containers/${id}?force=1`); });
    const started = await engineApi(d(), 'POST', `/containers/${id}/start`);
    t.not(started.status, 204);
    t.regex(started.body, refusedPrefix);
    t.regex(started.body, new RegExp(`the sysctl ${escapeRegExp(name)} is not one a container may set for itself \\(check sysctls`));
    t.is(await hostValue(), before);
  });
}

test('CVE-2024-21626 through docker exec: -w /proc/self/fd/7 is refused; exec --privileged mounts nothing', async t => {
  const started = await docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sleep', '600']);
  t.is(started.exitCode, 0, started.stderr);
  const id = started.stdout.trim();
  t.teardown(async () => { await docker(['rm', '-f', id]); });
  for (const cwd of ['/proc/self/fd/7', '/proc/1/cwd']) {
    const exec = await docker(['exec', '-w', cwd, id, 'pwd']);
    t.not(exec.exitCode, 0, exec.stdout);
    t.regex(`${exec.stdout}\n${exec.stderr}`, /hardrun refused this exec: process\.cwd: the working directory .* is under \/proc/);
  }
  const privileged = await docker(['exec', '--privileged', id, 'sh', '-c', `mount -t tmpfs none /mnt && ${escaped('mount')}; unshare -Urm true && ${escaped('unshare')}; echo @@done`]);
  t.regex(privileged.stdout, /@@done/, privileged.stderr);
  t.notRegex(privileged.stdout, /@@ESCAPED/);
  t.regex(privileged.stderr, /mount: permission denied/);
  t.regex(privileged.stderr, /unshare: unshare\(0x\w+\): Operation not permitted/);
});

/** A bind of a scratch directory holding a host-root file and a stand-in for the host's runc (CVE-2019-5736 overwrote it through /proc/self/exe). */
async function volumeWithHostFiles(name: string): Promise<string> {
  const volume = join(scratch, name);
  await mkdir(volume);
  await writeFile(join(volume, 'host-owned'), 'host data\n', { mode: 0o644 });
  await copyFile(existsSync('/usr/sbin/runc') ? '/usr/sbin/runc' : '/bin/sh', join(volume, 'runc'));
  await chmod(join(volume, 'runc'), 0o755);
  return volume;
}

const identityScript = 'echo "@@uid_map $(cat /proc/self/uid_map)"; echo "@@id $(id -u)"; grep " /v " /proc/self/mountinfo | sed "s/^/@@mount /"';
const imageAndSelf = [
  // CVE-2019-5736's first step: the image's /bin/sh becomes "#!/proc/self/exe".
  `(echo "#!/proc/self/exe" > /bin/sh) 2>&1 && ${escaped('/bin/sh replaced')}`,
  `(exec 4>>/proc/self/exe) 2>&1 && ${escaped('/proc/self/exe opened for writing')}`,
];

/** The container's host ids: a slot of 65536 of hardrun's pool, never host root. */
function assertOwnSlot(t: import('ava').ExecutionContext, output: string): number {
  const pool = readSubidRange('/etc/subuid') ?? fallbackRange;
  const map = /^@@uid_map\s+0\s+(\d+)\s+(\d+)$/m.exec(output);
  t.truthy(map, output);
  const hostID = Number(map![1]);
  t.is(Number(map![2]), 65536);
  t.true(hostID >= pool.hostID && hostID + 65536 <= pool.hostID + pool.size, `${hostID} is in hardrun's pool`);
  t.is((hostID - pool.hostID) % 65536, 0);
  return hostID;
}

test('user namespace: in an idmapped bind, container root writes as the files\' owner, as under runc, and the bind is nosuid,nodev', async t => {
  const volume = await volumeWithHostFiles('idmapped');
  const script = [
    identityScript,
    'touch /v/made-inside && chown 100:100 /v/made-inside',
    'echo more >> /v/host-owned && echo "@@host-owned appended"',
    ...imageAndSelf,
    'echo @@done',
  ].join('\n');
  const result = await docker(['run', '--rm', '--runtime=hardrun', '-v', `${volume}:/v`, 'busybox', 'sh', '-c', script]);
  const output = `${result.stdout}\n${result.stderr}`;
  t.regex(output, /@@done/, output);
  t.notRegex(output, /@@ESCAPED/, output);
  t.regex(output, /^@@id 0$/m);
  assertOwnSlot(t, output);
  t.regex(output, /^@@mount .* \/v [^ ]*nosuid,nodev[^ ]*,idmapped/m, 'an idmapped bind, nosuid and nodev');
  t.regex(output, /@@host-owned appended/, 'the bind behaves as under runc');
  t.regex(output, /can't create \/bin\/sh: Read-only file system/);
  const made = await stat(join(volume, 'made-inside'));
  t.deepEqual([made.uid, made.gid], [100, 100], 'a chown inside is the same chown on the host');
});

test('user namespace with idmapMounts none: files a container creates in a bind belong to its own host uid; host-root files stay out of reach', async t => {
  const volume = await volumeWithHostFiles('plain');
  await chmod(volume, 0o1777); // a shared scratch directory, writable by anyone, as /tmp is
  const script = [
    identityScript,
    'touch /v/made-inside',
    `(echo pwned >> /v/host-owned) 2>&1 && ${escaped('host-owned written')}`,
    `(exec 3>>/v/runc) 2>&1 && ${escaped('runc opened for writing')}`,
    `chmod 777 /v/runc 2>&1 && ${escaped('runc chmod')}`,
    `rm -f /v/runc 2>&1 && ${escaped('runc removed')}`,
    ...imageAndSelf,
    'echo @@done',
  ].join('\n');
  const result = await docker(['run', '--rm', `--runtime=${noIdmapRuntime}`, '-v', `${volume}:/v`, 'busybox', 'sh', '-c', script]);
  const output = `${result.stdout}\n${result.stderr}`;
  t.regex(output, /@@done/, output);
  t.notRegex(output, /@@ESCAPED/, output);
  t.regex(output, /^@@id 0$/m, 'inside, the process is root');
  const hostID = assertOwnSlot(t, output);
  t.notRegex(output, /^@@mount .*idmapped/m);
  t.regex(output, /can't create \/v\/host-owned: Permission denied/);
  t.regex(output, /can't create \/v\/runc: Permission denied/);
  t.regex(output, /can't create \/bin\/sh: Read-only file system/);
  const made = await stat(join(volume, 'made-inside'));
  t.is(made.uid, hostID, 'the file belongs to the container\'s host uid');
  t.is(await readFile(join(volume, 'host-owned'), 'utf8'), 'host data\n');
  t.is((await stat(join(volume, 'runc'))).mode & 0o777, 0o755);
});

// ---- the image author: what an image can carry ----

test('image author: device nodes of the host disk, memory and kernel log shipped in the image stay closed, even with --privileged or a device cgroup rule (a *:* m among them, every device to cgroup v1)', async t => {
  await importImage(d(), 'hostile-devices', async rootfs => {
    await execa('mknod', ['-m', '666', join(rootfs, 'disk'), 'b', String(disk.major), String(disk.minor)]);
    await execa('mknod', ['-m', '666', join(rootfs, 'mem'), 'c', '1', '1']);
    await execa('mknod', ['-m', '666', join(rootfs, 'kmsg'), 'c', '1', '11']);
    // Opening /dev/fuse takes no capability: only the device cgroup stands in the way.
    await execa('mknod', ['-m', '666', join(rootfs, 'fuse'), 'c', '10', '229']);
  });
  const script = [
    ...['disk', 'mem', 'kmsg'].map(node => `head -c 16 /${node} >/dev/null && ${escaped(`read /${node}`)}`),
    `(exec 3</fuse) && ${escaped('open /fuse')}`,
  ].join('\n');
  for (const flags of [[], ['--privileged'], ['--device-cgroup-rule', `b ${disk.major}:${disk.minor} rwm`], ['--device-cgroup-rule', 'c 1:1 rwm'], ['--device-cgroup-rule', 'a *:* m']]) {
    await tryEscape(t, d(), { name: `nodes in the image ${flags.join(' ')}`, flags, script, expect: { inside: /head: \/disk: Operation not permitted[\s\S]*can't open \/fuse: Operation not permitted/ } }, 'hostile-devices');
  }
});

// CVE-2024-21626's first attack: the image's own WORKDIR, not a flag of the person running it.
test('image author: WORKDIR /proc/self/fd/7 in the image is refused (CVE-2024-21626)', async t => {
  await importImage(d(), 'hostile-workdir', () => Promise.resolve(), ['WORKDIR /proc/self/fd/7']);
  const result = await docker(['run', '--rm', '--runtime=hardrun', 'hostile-workdir', 'sh', '-c', 'echo "@@ESCAPED cwd $(pwd)"']);
  t.not(result.exitCode, 0, result.stdout);
  t.regex(result.stderr, refusedPrefix);
  t.regex(result.stderr, /the working directory \/proc\/self\/fd\/7 is under \/proc/);
});

test('image author: /var/tmp symlinked out of the rootfs gets its tmpfs inside the rootfs, never on the host', async t => {
  const canary = `/tmp/hardrun-escape-canary-${process.pid}`;
  t.teardown(() => rm(canary, { recursive: true, force: true }));
  await importImage(d(), 'hostile-var-tmp', async rootfs => {
    await symlink(`../../../../../../../..${canary}`, join(rootfs, 'var', 'tmp'));
  });
  const result = await docker(['run', '--rm', '--runtime=hardrun', 'hostile-var-tmp', 'sh', '-c', 'touch /var/tmp/written && echo @@written']);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /@@written/);
  t.false(existsSync(canary), `${canary} appeared on the host`);
});

test('image author: /run as an absolute symlink to a host path creates nothing on the host', async t => {
  const canary = `/tmp/hardrun-escape-canary-run-${process.pid}`;
  t.teardown(() => rm(canary, { recursive: true, force: true }));
  await importImage(d(), 'hostile-run', async rootfs => {
    await symlink(canary, join(rootfs, 'run'));
  });
  const result = await docker(['run', '--rm', '--runtime=hardrun', 'hostile-run', 'sh', '-c', 'ls -la /run; echo @@ran']);
  // runc 1.1 fails on a tmpfs whose destination is a symlink; either way the host is untouched.
  t.log(result.exitCode === 0 ? 'the container ran' : `the container did not start: ${result.stderr.split('\n')[0]}`);
  t.notRegex(result.stderr, /hardrun refused|internal error/i);
  t.false(existsSync(canary), `${canary} appeared on the host`);
});
