import test from 'ava';
import { checkDevices, grantsEveryDevice } from '../../src/checks/devices.js';
import { checkHostNamespaces } from '../../src/checks/host-namespaces.js';
import { checkMountPropagation } from '../../src/checks/mount-propagation.js';
import { matchPathPattern } from '../../src/checks/paths.js';
import { checkProcCwd } from '../../src/checks/proc-cwd.js';
import { checkSensitiveMounts } from '../../src/checks/sensitive-mounts.js';
import { checkSysctls } from '../../src/checks/sysctls.js';
import { builtinChecks, builtinHardening } from '../../src/policy/builtin.js';
import type { Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec, testOrigin } from '../helpers/specs.js';

const host = fakeHost({ '/var/run': '/run' }, ['/proc/1/ns/net']);
const context = { id: 'c1', host, origin: testOrigin };
const withMount = (source: string, destination = '/x'): Spec => ({ ...minimalSpec, mounts: [{ destination, type: 'bind', source, options: ['rbind', 'rw'] }] });
const sensitive = (spec: Spec) => checkSensitiveMounts(spec, builtinChecks.sensitiveMounts, context);

const refusedMounts: [string, RegExp][] = [
  ['/var/run/docker.sock', /host path \/var\/run\/docker.sock \(\/run\/docker.sock\) on \/x exposes the host/],
  ['/', /host path \/ on \/x exposes the host/],
  ['/run', /host path \/run, a parent of \/run\/docker.sock/],
  ['/var', /host path \/var, a parent of \/var\/lib\/docker/],
  ['/etc/shadow', /host path \/etc\/shadow, under \/etc/],
  ['/proc/1/root', /under \/proc/],
  ['/var/lib/docker/containers/other/hostname', /under \/var\/lib\/docker/],
];
for (const [source, message] of refusedMounts) {
  test(`sensitive mounts: ${source} is refused`, t => {
    const violations = sensitive(withMount(source));
    t.is(violations.length, 1);
    t.regex(violations[0]!.message, message);
    t.is(violations[0]!.path, 'mounts[0].source');
  });
}

const allowedMounts = ['/home/me/project', '/srv/data', '/var/lib/docker/containers/c1/hostname', '/var/lib/docker/containers/c1/mounts/shm', '/var/lib/docker/volumes/db/_data', '/tmp/x'];
for (const source of allowedMounts) {
  test(`sensitive mounts: ${source} is allowed`, t => {
    t.deepEqual(sensitive(withMount(source)), []);
  });
}

// runc joins a relative bind source to the bundle (Go's filepath.Join, so
// ".." goes first, lexically): judge it where runc will find it.
const relativeCases: [string, string, string, Record<string, string>, RegExp | undefined][] = [
  ['../secret from /x/b is /x/secret', '../secret', '/x/b', {}, /host path \.\.\/secret \(\/x\/secret\) on \/x exposes the host/],
  ['rootfs/../../secret from /x/b is /x/secret', 'rootfs/../../secret', '/x/b', {}, /\(\/x\/secret\)/],
  ['../secret/key is under /x/secret', '../secret/key', '/x/b', {}, /\(\/x\/secret\/key\), under \/x\/secret/],
  ['a bundle reached through a symlink: .. is taken from either end', '../secret', '/link/b', { '/link/b': '/x/b' }, /\(\/x\/secret\)/],
  ['../../../../etc from a bundle four deep is /etc', '../../../../etc', '/a/b/c/d', {}, /host path \.\.\/\.\.\/\.\.\/\.\.\/etc \(\/etc\) on/],
  ['data beside the bundle is not sensitive', '../data', '/x/b', {}, undefined],
  ['the bundle\'s own files are not sensitive', 'hostname', '/x/b', {}, undefined],
];
for (const [title, source, bundle, links, message] of relativeCases) {
  test(`sensitive mounts: a relative source: ${title}`, t => {
    const settings = { ...builtinChecks.sensitiveMounts, paths: [...builtinChecks.sensitiveMounts.paths, '/x/secret'] };
    const violations = checkSensitiveMounts(withMount(source), settings, { id: 'c1', host: fakeHost(links), origin: { bundle, root: undefined } });
    if (message === undefined) return t.deepEqual(violations, []);
    t.is(violations.length, 1);
    t.regex(violations[0]!.message, message);
  });
}

test('sensitive mounts: the harden fix removes the mount', t => {
  const [violation] = sensitive(withMount('/etc'));
  t.deepEqual(violation!.fix(withMount('/etc')).mounts, []);
});

test('host namespaces: absent pid/net/ipc/uts, or joined by path, are the host', t => {
  const spec: Spec = { ...minimalSpec, linux: { namespaces: [{ type: 'mount' }, { type: 'network', path: '/proc/1/ns/net' }, { type: 'ipc', path: '/proc/42/ns/ipc' }] } };
  const violations = checkHostNamespaces(spec, builtinChecks.hostNamespaces, context);
  t.deepEqual(violations.map(violation => violation.message), [
    "the container shares the host's pid namespace",
    "the container shares the host's network namespace",
    "the container shares the host's UTS (hostname) namespace",
  ]);
  const fixed = violations.reduce((current, violation) => violation.fix(current), spec);
  t.deepEqual(checkHostNamespaces(fixed, builtinChecks.hostNamespaces, context), []);
});

test('host namespaces: joining the host\'s mount namespace by path, or having none, is the host\'s', t => {
  const mountHost = fakeHost({}, ['/proc/1/ns/mnt']);
  const joined: Spec = { ...minimalSpec, linux: { namespaces: [{ type: 'pid' }, { type: 'network' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount', path: '/proc/1/ns/mnt' }] } };
  const [violation, ...more] = checkHostNamespaces(joined, builtinChecks.hostNamespaces, { ...context, host: mountHost });
  t.is(violation?.message, "the container shares the host's mount namespace");
  t.is(violation?.path, 'linux.namespaces[4].path');
  t.deepEqual(more, []);
  const none: Spec = { ...minimalSpec, linux: { namespaces: [{ type: 'pid' }, { type: 'network' }, { type: 'ipc' }, { type: 'uts' }] } };
  t.deepEqual(checkHostNamespaces(none, builtinChecks.hostNamespaces, context).map(found => found.message), ["the container shares the host's mount namespace"]);
});

test('host namespaces: a missing user or cgroup namespace is not a sharing', t => {
  t.deepEqual(checkHostNamespaces(minimalSpec, builtinChecks.hostNamespaces, context), []);
});

test('devices: an extra device is refused, the defaults and --privileged are not', t => {
  const allow = { allow: builtinHardening.devices.allow };
  const extra: Spec = { ...minimalSpec, linux: { ...minimalSpec.linux, devices: [{ path: '/dev/vda', type: 'b', major: 254, minor: 0 }] } };
  const [violation] = checkDevices(extra, allow, context);
  t.regex(violation!.message, /the host device \/dev\/vda \(b 254:0\) is beyond the default devices/);
  t.deepEqual(checkDevices({ ...minimalSpec, linux: { devices: [{ path: '/dev/null', type: 'c', major: 1, minor: 3 }] } }, allow, context), []);
  const privileged: Spec = { ...extra, linux: { ...extra.linux, resources: { devices: [{ allow: true, access: 'rwm' }] } } };
  t.deepEqual(checkDevices(privileged, allow, context), []);
});

test('every device: an allow rule of type a (or of no type), whatever its numbers and access, as cgroup v1 reads it; not one of type b or c, not a deny rule', t => {
  const withRule = (rule: NonNullable<NonNullable<NonNullable<Spec['linux']>['resources']>['devices']>[number]): Spec => ({ ...minimalSpec, linux: { resources: { devices: [{ allow: false, access: 'rwm' }, rule] } } });
  for (const rule of [
    { allow: true, access: 'rwm' }, { allow: true, type: 'a', major: null, minor: null, access: 'rwm' }, { allow: true, type: 'a', major: -1, minor: -1, access: 'm' },
    { allow: true, type: 'a', major: 8, access: 'rwm' }, { allow: true, type: 'a', minor: 0, access: 'r' },
  ]) {
    t.true(grantsEveryDevice(withRule(rule)), JSON.stringify(rule));
  }
  for (const rule of [{ allow: true, type: 'c', access: 'rwm' }, { allow: true, type: 'b', major: -1, minor: -1, access: 'm' }, { allow: false, access: 'rwm' }]) {
    t.false(grantsEveryDevice(withRule(rule)), JSON.stringify(rule));
  }
});

test('cwd under /proc is refused, however it is spelled', t => {
  for (const cwd of ['/proc/self/fd/7', '/proc', '/x/../proc/1/cwd']) t.is(checkProcCwd({ cwd }, 'process').length, 1, cwd);
  for (const cwd of ['/', '/procfs', '/home/proc']) t.is(checkProcCwd({ cwd }, 'process').length, 0, cwd);
  t.deepEqual(checkProcCwd({ cwd: '/proc/self/fd/7' }, 'process')[0]!.fix({ cwd: '/proc/self/fd/7' }), { cwd: '/' });
});

test('sysctls: namespaced ones pass, host-wide ones do not', t => {
  const spec: Spec = { ...minimalSpec, linux: { sysctl: { 'net.ipv4.ip_forward': '1', 'kernel.shmmax': '1', 'kernel.core_pattern': '|/x', 'vm.swappiness': '0' } } };
  t.deepEqual(checkSysctls(spec, builtinChecks.sysctls, context).map(violation => violation.path), ['linux.sysctl.kernel.core_pattern', 'linux.sysctl.vm.swappiness']);
});

test('mount propagation: shared is refused, slave is fine', t => {
  const spec: Spec = { ...minimalSpec, linux: { rootfsPropagation: 'rshared' }, mounts: [{ destination: '/a', source: '/srv', type: 'bind', options: ['rbind', 'shared'] }, { destination: '/b', source: '/srv', type: 'bind', options: ['rslave'] }] };
  const violations = checkMountPropagation(spec, {}, context);
  t.deepEqual(violations.map(violation => violation.path), ['linux.rootfsPropagation', 'mounts[0].options']);
  const fixed = violations.reduce((current, violation) => violation.fix(current), spec);
  t.deepEqual(checkMountPropagation(fixed, {}, context), []);
});

test('path patterns: * is one component, ** any number', t => {
  t.true(matchPathPattern('/var/lib/docker/volumes/*/_data/**', '/var/lib/docker/volumes/db/_data'));
  t.true(matchPathPattern('/var/lib/docker/volumes/*/_data/**', '/var/lib/docker/volumes/db/_data/sub/dir'));
  t.false(matchPathPattern('/var/lib/docker/volumes/*/_data/**', '/var/lib/docker/volumes/db/other'));
  t.false(matchPathPattern('/a/*', '/a/b/c'));
});
