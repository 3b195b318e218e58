import test from 'ava';
import { networkNamespaceToJoin, networkSysctls, withoutNetworkNamespace, writeNetworkSysctls } from '../../src/host/netns.js';
import type { Spec } from '../../src/spec/types.js';

function spec(namespaces: { type: string; path?: string }[]): Spec {
  return { ociVersion: '1.0.2', linux: { namespaces: namespaces } };
}

const pod = spec([{ type: 'user', path: '/proc/1/ns/user' }, { type: 'ipc' }, { type: 'network', path: '/var/run/netns/cni-1' }]);

test('hardrun joins a network namespace given by path itself when the container has a user namespace, under a runc-style backend', t => {
  t.is(networkNamespaceToJoin(pod, 'runc'), '/var/run/netns/cni-1');
  t.is(networkNamespaceToJoin(spec([{ type: 'user' }, { type: 'network', path: '/run/netns/x' }]), 'runc'), '/run/netns/x');
});

test('not without a user namespace, nor for a new network namespace, nor under runsc or kata', t => {
  t.is(networkNamespaceToJoin(spec([{ type: 'network', path: '/run/netns/x' }]), 'runc'), undefined);
  t.is(networkNamespaceToJoin(spec([{ type: 'user' }, { type: 'network' }]), 'runc'), undefined);
  t.is(networkNamespaceToJoin(spec([{ type: 'user' }, { type: 'network', path: '' }]), 'runc'), undefined);
  t.is(networkNamespaceToJoin(pod, 'runsc'), undefined);
  t.is(networkNamespaceToJoin(pod, 'kata'), undefined);
});

test('the backend\'s spec names no network namespace, every other one kept in order; input untouched', t => {
  const before = structuredClone(pod);
  t.deepEqual(withoutNetworkNamespace(pod).linux?.namespaces, [{ type: 'user', path: '/proc/1/ns/user' }, { type: 'ipc' }]);
  t.deepEqual(pod, before);
  const none = spec([{ type: 'user' }]);
  t.is(withoutNetworkNamespace(none), none);
});

test('the net sysctls leave the backend\'s spec with the network namespace, for hardrun to write; the others stay', t => {
  const withSysctls: Spec = { ...pod, linux: { ...pod.linux, sysctl: { 'net.ipv4.ip_unprivileged_port_start': '0', 'kernel.msgmax': '8192' } } };
  t.deepEqual(withoutNetworkNamespace(withSysctls).linux?.sysctl, { 'kernel.msgmax': '8192' });
  t.deepEqual(networkSysctls(withSysctls), [{ key: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
  t.deepEqual(networkSysctls(pod), []);
});

test('a net sysctl name that could leave /proc/sys/net is refused before anything is written', t => {
  t.throws(() => writeNetworkSysctls([{ key: 'net.ipv4..x/../../../kernel.core_pattern', value: '|x' }]), { message: /linux\.sysctl\.net\.ipv4.*not a sysctl name hardrun writes/ });
  t.throws(() => writeNetworkSysctls([{ key: 'net./', value: '1' }]), { message: /not a sysctl name/ });
});
