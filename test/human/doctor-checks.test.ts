import test from 'ava';
import { checkCgroups, checkLsm, checkSeccomp, checkSubids, checkUserNamespaces } from '../../src/human/doctor/host-checks.js';
import type { HostProbe, PathEntry } from '../../src/human/doctor/probe.js';
import { checkStagingPath } from '../../src/human/doctor/staging-path.js';
import { checkBackends, checkContainerd, checkDocker, usedBackends } from '../../src/human/doctor/runtime-checks.js';
import { checkLeftovers } from '../../src/human/doctor/state-checks.js';
import type { Leftover } from '../../src/human/doctor/leftovers.js';
import { normalizePolicy } from '../../src/policy/normalize.js';

/** A host made of a few files. */
const host = (files: Record<string, string>, executables: string[] = []): HostProbe => ({
  readFile: path => files[path],
  isExecutable: path => executables.includes(path),
  version: () => Promise.resolve(undefined),
});

test('user namespaces: on, off (required while the policy maps users), absent', t => {
  t.is(checkUserNamespaces(host({ '/proc/sys/user/max_user_namespaces': '15000\n' }), true).status, 'ok');
  const off = checkUserNamespaces(host({ '/proc/sys/user/max_user_namespaces': '0\n' }), true);
  t.is(off.status, 'missing');
  t.regex(off.fix ?? '', /user\.max_user_namespaces/);
  t.is(checkUserNamespaces(host({}), false).status, 'info');
});

test('subordinate ranges: missing, present, overlapping another owner', t => {
  const files = { uid: '/etc/subuid', gid: '/etc/subgid' };
  const [uid, gid] = checkSubids(host({}), files);
  t.is(uid?.status, 'missing');
  t.regex(uid?.fix ?? '', /hardrun setup docker/);
  t.is(gid?.name, 'subordinate gids');
  t.deepEqual(checkSubids(host({ '/etc/subuid': 'hardrun:1610612736:65536\n', '/etc/subgid': 'hardrun:1610612736:65536\n' }), files).map(check => check.status), ['ok', 'ok']);
  t.is(checkSubids(host({ '/etc/subuid': 'hardrun:100000:65536\nalice:100000:65536\n' }), files)[0]?.status, 'missing');
});

test('seccomp: needs the Seccomp line and the errno action', t => {
  t.is(checkSeccomp(host({ '/proc/self/status': 'Name:\tx\nSeccomp:\t0\n', '/proc/sys/kernel/seccomp/actions_avail': 'kill_process errno allow\n' })).status, 'ok');
  t.is(checkSeccomp(host({ '/proc/self/status': 'Name:\tx\n' })).status, 'missing');
  t.is(checkSeccomp(host({ '/proc/self/status': 'Seccomp:\t0\n', '/proc/sys/kernel/seccomp/actions_avail': 'kill_process allow' })).status, 'missing');
});

test('cgroups: v2, v1 and hybrid from mountinfo', t => {
  const line = (point: string, type: string) => `30 1 0:26 / ${point} rw,nosuid - ${type} ${type} rw`;
  t.regex(checkCgroups(host({ '/proc/self/mountinfo': line('/sys/fs/cgroup', 'cgroup2') })).detail, /version 2/);
  t.regex(checkCgroups(host({ '/proc/self/mountinfo': [line('/sys/fs/cgroup', 'tmpfs'), line('/sys/fs/cgroup/unified', 'cgroup2')].join('\n') })).detail, /version 1 \(hybrid/);
  t.is(checkCgroups(host({ '/proc/self/mountinfo': '' })).status, 'missing');
});

test('an LSM is optional: absent is not missing', t => {
  t.is(checkLsm(host({ '/sys/module/apparmor/parameters/enabled': 'Y\n' })).status, 'ok');
  t.is(checkLsm(host({ '/sys/fs/selinux/enforce': '1' })).status, 'ok');
  t.is(checkLsm(host({})).status, 'absent');
});

test('Docker: registered as this installation, as another one, not at all', t => {
  const file = '/etc/docker/daemon.json';
  const launcher = '/opt/hardrun/bin/hardrun';
  t.like(checkDocker(host({ [file]: JSON.stringify({ runtimes: { hardrun: { path: launcher } }, 'default-runtime': 'hardrun' }) }), file, launcher), { status: 'ok', uses: true });
  t.like(checkDocker(host({ [file]: JSON.stringify({ runtimes: { hardrun: { path: '/old/hardrun' } } }) }), file, launcher), { status: 'missing', uses: false });
  t.like(checkDocker(host({ [file]: '{}' }), file, launcher), { status: 'absent', uses: false });
  t.like(checkDocker(host({}, ['/usr/sbin/dockerd']), file, launcher), { status: 'absent', uses: false });
  t.like(checkDocker(host({ [file]: '{' }), file, launcher), { status: 'missing' });
});

test('containerd: a handler whose BinaryName is hardrun, or whose runtime_path is the front', async t => {
  const file = '/etc/containerd/config.toml';
  const config = 'version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.hardrun.options]\nBinaryName = "/opt/hardrun/bin/hardrun"\n';
  t.like(await checkContainerd(host({ [file]: config }), file), { status: 'ok', uses: true });
  const front = 'version = 3\n[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.x]\nruntime_path = "/opt/hardrun/bin/containerd-shim-hardrun-v2"\n';
  t.like(await checkContainerd(host({ [file]: front }), file), { status: 'ok', uses: true });
  t.like(await checkContainerd(host({ [file]: 'version = 2\n' }), file), { status: 'absent', uses: false });
});

test('the backends a policy can send containers to are the required ones', t => {
  const policy = normalizePolicy({ sandboxBackend: 'runsc', rules: [{ name: 'k', match: { caller: ['k8s.io'] }, backend: 'kata' }] }, 'test');
  t.deepEqual([...usedBackends(policy)].sort(), ['kata', 'runc', 'runsc']);
});

test('backend version: a runc names its version and the published fixes its upstream version lacks', async t => {
  const policy = normalizePolicy({ backends: { runc: { path: '/bin/sh', kind: 'runc' }, gvisor: { path: '/bin/sh', kind: 'runsc' } } }, 'test');
  const probe = (line: string): HostProbe => ({ ...host({}), version: path => Promise.resolve(path === '/bin/sh' ? line : undefined) });
  const [old] = (await checkBackends(probe('runc version 1.1.5+ds1'), policy)).filter(check => check.name === 'backend runc');
  t.is(old?.status, 'info');
  t.regex(old!.detail, /^\/bin\/sh: runc version 1\.1\.5\+ds1; upstream runc 1\.1\.5\+ds1 lacks the fixes for CVE-2024-21626, CVE-2025-31133, CVE-2025-52565, CVE-2025-52881 \(a distribution build may carry backports/);
  t.regex(old!.fix ?? '', /upgrade runc to 1\.2\.8, 1\.3\.3/);
  const [fresh] = (await checkBackends(probe('runc version 1.3.3'), policy)).filter(check => check.name === 'backend runc');
  t.like(fresh, { status: 'ok', detail: '/bin/sh: runc version 1.3.3' });
  const [gvisor] = (await checkBackends(probe('runsc version release-20240513.0'), policy)).filter(check => check.name === 'backend gvisor');
  t.like(gvisor, { status: 'ok', detail: '/bin/sh: runsc version release-20240513.0' });
});

test('leftovers: each named with its container and why; after --fix, what went and what stayed', t => {
  t.is(checkLeftovers([]).status, 'ok');
  t.regex(checkLeftovers([]).detail, /^nothing of hardrun's outlived its container/);
  const record: Leftover = { kind: 'record', path: '/run/runc.hardrun/c1', id: 'c1', root: '/run/runc', why: 'runc has no container c1 under /run/runc' };
  const staging: Leftover = { kind: 'staging', path: '/run/hardrun/0123456789ab-c2', id: 'c2', root: undefined, why: 'no record names it' };
  const found = checkLeftovers([record, staging]);
  t.is(found.status, 'info');
  t.is(found.detail, '2 leftovers: record /run/runc.hardrun/c1 of container c1 (/run/runc): runc has no container c1 under /run/runc; staging /run/hardrun/0123456789ab-c2 of container c2: no record names it');
  t.regex(found.fix ?? '', /^hardrun doctor --fix removes them/);
  const fixed = checkLeftovers([record, staging], new Map([[record, undefined], [staging, 'it is not empty']]));
  t.is(fixed.status, 'info');
  t.is(fixed.detail, 'removed 1: record /run/runc.hardrun/c1 of container c1 (/run/runc); 1 stayed: staging /run/hardrun/0123456789ab-c2 of container c2: it is not empty');
  t.is(checkLeftovers([record], new Map([[record, undefined]])).status, 'ok');
});

test('staging path: every directory above /run/hardrun must let a mapped root through; a private /run/hardrun is put right by the next create', t => {
  const entries: Record<string, PathEntry> = { '/': { kind: 'directory', mode: 0o755, uid: 0 }, '/run': { kind: 'directory', mode: 0o755, uid: 0 } };
  const probe = (extra: Record<string, PathEntry>): HostProbe => ({ ...host({}), entry: path => ({ ...entries, ...extra })[path] });
  t.is(checkStagingPath(probe({})).status, 'ok');
  t.is(checkStagingPath(probe({ '/run/hardrun': { kind: 'directory', mode: 0o711, uid: 0 } })).status, 'ok');
  const private_ = checkStagingPath(probe({ '/run/hardrun': { kind: 'directory', mode: 0o700, uid: 0 } }));
  t.is(private_.status, 'info');
  t.is(private_.fix, 'chmod 0711 /run/hardrun');
  const closed = checkStagingPath(probe({ '/run': { kind: 'directory', mode: 0o750, uid: 0 } }));
  t.is(closed.status, 'missing');
  t.regex(closed.detail, /\/run is mode 0750: .*permission denied/);
  t.is(checkStagingPath(probe({ '/run/hardrun': { kind: 'symlink', mode: 0o777, uid: 0 } })).status, 'missing');
});
