import test from 'ava';
import { joinedProcesses, podOf, singleMapping, type PodHost } from '../../src/state/pod.js';
import type { Spec } from '../../src/spec/types.js';

const root = '/run/containerd/runc/k8s.io';
const records = `${root}.hardrun`;
const claims = '/run/hardrun/ids';

/** A host with one pod sandbox `sb` (pid 100, host ids 300000) and a plain host process (pid 200). */
function host(overrides: Partial<PodHost> = {}): PodHost {
  return {
    userNamespaceOf: pid => ({ 100: 'user:[41]', 101: 'user:[41]', 200: 'user:[1]', 300: 'user:[77]' } as Record<number, string>)[pid],
    hostUserNamespace: 'user:[1]',
    idMapOf: pid => ({ 100: '         0     300000      65536\n', 101: '0 300000 65536\n', 300: '0 900000 65536\n' } as Record<number, string>)[pid],
    claimEntries: claim => ({ [`${claims}/300000`]: [`${records}/sb`, `${records}/app`], [`${claims}/900000`]: ['/run/docker/runtime-runc/moby.hardrun/other'] } as Record<string, string[]>)[claim],
    recordOf: (_root, id) => ({ sb: { uid: 300000, gid: 300000 }, app: { uid: 300000, gid: 300000, pod: 'sb' } } as Record<string, { uid: number; gid: number; pod?: string }>)[id],
    ...overrides,
  };
}

function joining(namespaces: { type: string; path?: string }[], annotations?: Record<string, string>): Spec {
  return { ociVersion: '1.0.2', linux: { namespaces: namespaces }, ...(annotations === undefined ? {} : { annotations }) };
}

const app = [{ type: 'pid' }, { type: 'ipc', path: '/proc/100/ns/ipc' }, { type: 'uts', path: '/proc/100/ns/uts' }, { type: 'network', path: '/var/run/netns/cni-1' }];

test('joinedProcesses: the processes a spec joins by /proc path, the user namespace and other paths aside', t => {
  t.deepEqual([...joinedProcesses(joining([...app, { type: 'user', path: '/proc/7/ns/user' }])).entries()], [[100, 'ipc namespace /proc/100/ns/ipc']]);
  t.is(joinedProcesses(joining([{ type: 'network', path: '/var/run/netns/cni-1' }])).size, 0);
});

test('a container that joins a hardrun pod sandbox\'s namespaces joins its user namespace and shares its range and claim', t => {
  t.deepEqual(podOf(joining(app, { 'io.kubernetes.cri.sandbox-id': 'sb' }), root, host(), claims), {
    kind: 'member',
    sandbox: 'sb',
    userNamespace: '/proc/100/ns/user',
    ids: { uids: { hostID: 300000, size: 65536 }, gids: { hostID: 300000, size: 65536 } },
    claim: `${claims}/300000`,
  });
});

test('a sandbox, or a container joining no process, is no member', t => {
  t.deepEqual(podOf(joining([{ type: 'ipc' }, { type: 'network', path: '/var/run/netns/cni-1' }]), root, host(), claims), { kind: 'none' });
  t.deepEqual(podOf(joining([...app, { type: 'user', path: '/proc/100/ns/user' }]), root, host(), claims), { kind: 'none' });
});

const refusals: [string, Spec, Partial<PodHost>, RegExp][] = [
  ['a host process', joining([{ type: 'ipc', path: '/proc/200/ns/ipc' }]), {}, /^linux\.namespaces: the ipc namespace \/proc\/200\/ns\/ipc belongs to a process in the host's user namespace, not to a container of hardrun's \(.*set hardening\.userNamespace\.mode to off for both\)$/],
  ['a process gone', joining([{ type: 'ipc', path: '/proc/999/ns/ipc' }]), {}, /is of no running process/],
  ['two user namespaces', joining([{ type: 'ipc', path: '/proc/100/ns/ipc' }, { type: 'uts', path: '/proc/300/ns/uts' }]), {}, /the uts namespace \/proc\/300\/ns\/uts is in another user namespace than \/proc\/100\/ns/],
  ['a range of another root\'s container', joining([{ type: 'ipc', path: '/proc/300/ns/ipc' }]), {}, /is of a process whose host ids hardrun holds for no pod sandbox of this --root/],
  ['a range hardrun holds for no one', joining([{ type: 'ipc', path: '/proc/100/ns/ipc' }]), { claimEntries: () => undefined }, /holds for no pod sandbox/],
  ['a mapping that is not hardrun\'s', joining([{ type: 'ipc', path: '/proc/100/ns/ipc' }]), { idMapOf: () => '0 300000 1\n1 0 1\n' }, /holds for no pod sandbox/],
  ['an annotation naming another sandbox', joining(app, { 'io.kubernetes.cri.sandbox-id': 'other' }), {}, /annotation io\.kubernetes\.cri\.sandbox-id names sandbox other, but the namespaces joined are sandbox sb's/],
];

for (const [title, spec, overrides, reason] of refusals) {
  test(`refused: joining ${title}`, t => {
    const join = podOf(spec, root, host(overrides), claims);
    t.is(join.kind, 'refused');
    if (join.kind === 'refused') t.regex(join.reason, reason);
  });
}

test('singleMapping reads the one mapping hardrun writes, and nothing else', t => {
  t.deepEqual(singleMapping('         0     300000      65536\n'), { hostID: 300000, size: 65536 });
  t.is(singleMapping('0 0 4294967295\n1 2 3\n'), undefined);
  t.is(singleMapping('5 300000 10\n'), undefined);
  t.is(singleMapping(undefined), undefined);
});
