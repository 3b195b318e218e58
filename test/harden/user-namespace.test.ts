import test from 'ava';
import { applyUserNamespace } from '../../src/harden/user-namespace.js';
import type { UserNamespaceSettings } from '../../src/harden/settings.js';
import type { Spec } from '../../src/spec/types.js';
import { minimalSpec } from '../helpers/specs.js';

const settings: UserNamespaceSettings = { mode: 'harden', idmapMounts: 'all', whenOwnersLost: 'refuse', plainBindPaths: [] };
const ids = { uids: { hostID: 100000, size: 65536 }, gids: { hostID: 200000, size: 65536 } };
const runc = { backend: 'runc' as const, ids };

test('container root maps to the container\'s own host ids, in a new user namespace', t => {
  const { spec, findings } = applyUserNamespace(minimalSpec, settings, runc);
  t.deepEqual(spec.linux?.uidMappings, [{ containerID: 0, hostID: 100000, size: 65536 }]);
  t.deepEqual(spec.linux?.gidMappings, [{ containerID: 0, hostID: 200000, size: 65536 }]);
  t.true(spec.linux?.namespaces?.some(namespace => namespace.type === 'user'));
  t.is(findings.length, 1);
  t.regex(findings[0]!.message, /host uids 100000-165535 and gids 200000-265535.*idmapped/);
});

test('two containers with different slots map to disjoint host ids', t => {
  const other = { uids: { hostID: 165536, size: 65536 }, gids: { hostID: 265536, size: 65536 } };
  const first = applyUserNamespace(minimalSpec, settings, runc).spec.linux?.uidMappings?.[0];
  const second = applyUserNamespace(minimalSpec, settings, { backend: 'runc', ids: other }).spec.linux?.uidMappings?.[0];
  t.true(first!.hostID + first!.size <= second!.hostID);
});

test('idempotent, and input untouched', t => {
  const before = structuredClone(minimalSpec);
  const once = applyUserNamespace(minimalSpec, settings, runc).spec;
  t.deepEqual(applyUserNamespace(once, settings, runc), { spec: once, findings: [] });
  t.deepEqual(minimalSpec, before);
});

test('not under runsc or kata, whose guests never run as host root', t => {
  t.is(applyUserNamespace(minimalSpec, settings, { backend: 'runsc', ids }).spec, minimalSpec);
  t.is(applyUserNamespace(minimalSpec, settings, { backend: 'kata', ids }).spec, minimalSpec);
});

test('ping_group_range is narrowed to the mapped groups', t => {
  const spec: Spec = { ...minimalSpec, linux: { ...minimalSpec.linux, sysctl: { 'net.ipv4.ping_group_range': '0 2147483647' } } };
  t.is(applyUserNamespace(spec, settings, runc).spec.linux?.sysctl?.['net.ipv4.ping_group_range'], '0 65535');
});

test('a joined network namespace gets the host /sys bound read-only instead of a new sysfs', t => {
  const spec: Spec = {
    ...minimalSpec,
    mounts: [{ destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] }],
    linux: { namespaces: [{ type: 'pid' }, { type: 'network', path: '/var/run/netns/cni-1' }, { type: 'mount' }] },
  };
  const { spec: mapped } = applyUserNamespace(spec, settings, runc);
  t.deepEqual(mapped.mounts, [{ destination: '/sys', type: 'bind', source: '/sys', options: ['nosuid', 'noexec', 'nodev', 'rbind', 'ro'] }]);
  t.deepEqual(applyUserNamespace(mapped, settings, runc).spec, mapped);
  const own = applyUserNamespace({ ...spec, linux: { namespaces: [{ type: 'network' }] } }, settings, runc).spec;
  t.is(own.mounts?.[0]?.type, 'sysfs', 'a network namespace of its own keeps its sysfs');
});

test('a spec already mapping root elsewhere (userns-remap) is kept', t => {
  const remapped: Spec = { ...minimalSpec, linux: { ...minimalSpec.linux, namespaces: [...minimalSpec.linux.namespaces, { type: 'user' }], uidMappings: [{ containerID: 0, hostID: 300000, size: 65536 }], gidMappings: [{ containerID: 0, hostID: 300000, size: 65536 }] } };
  t.is(applyUserNamespace(remapped, settings, runc).spec, remapped);
});

test('a container of a pod joins its sandbox\'s user namespace, with the sandbox\'s mappings; idempotent', t => {
  const pod = { ...runc, podUserNamespace: '/proc/100/ns/user' };
  const { spec, findings } = applyUserNamespace(minimalSpec, settings, pod);
  t.deepEqual(spec.linux?.namespaces?.find(namespace => namespace.type === 'user'), { type: 'user', path: '/proc/100/ns/user' });
  t.deepEqual(spec.linux?.uidMappings, [{ containerID: 0, hostID: 100000, size: 65536 }]);
  t.deepEqual(spec.linux?.gidMappings, [{ containerID: 0, hostID: 200000, size: 65536 }]);
  t.regex(findings[0]!.message, /^joined the user namespace of its pod's sandbox \(\/proc\/100\/ns\/user\), which maps .*host uids 100000-165535/);
  t.deepEqual(applyUserNamespace(spec, settings, pod), { spec, findings: [] });
});

test('a pod container that joins the pod\'s network namespace gets the host\'s /sys bound read-only, as its sandbox does', t => {
  const joining: Spec = { ...minimalSpec, mounts: [{ destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'ro'] }], linux: { ...minimalSpec.linux, namespaces: [{ type: 'ipc', path: '/proc/100/ns/ipc' }, { type: 'network', path: '/var/run/netns/cni-1' }] } };
  const { spec } = applyUserNamespace(joining, settings, { ...runc, podUserNamespace: '/proc/100/ns/user' });
  t.deepEqual(spec.mounts?.[0], { destination: '/sys', type: 'bind', source: '/sys', options: ['nosuid', 'rbind', 'ro'] });
});
