import test from 'ava';
import { encodeMessage } from './cri-client.js';

// Expected bytes written out by hand from k8s.io/cri-api's field numbers: a
// typo in cri-runtime-v1.proto would send containerd a field it reads as
// something else, or drops.
const key = (field: number, wire: 0 | 2): number => (field << 3) | wire;
const bytes = (field: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([key(field, 2), content.length]), content]);
const text = (field: number, value: string): Buffer => bytes(field, Buffer.from(value));
const varint = (field: number, value: number): Buffer => Buffer.from([key(field, 0), value]);

test('RunPodSandboxRequest: config(1){metadata(1){name(1), uid(2), namespace(3)}, hostname(2), log_directory(3)}, runtime_handler(2)', t => {
  const metadata = Buffer.concat([text(1, 'p'), text(2, 'u'), text(3, 'n')]);
  const config = Buffer.concat([bytes(1, metadata), text(2, 'p'), text(3, '/l')]);
  t.deepEqual(
    encodeMessage('RunPodSandboxRequest', { config: { metadata: { name: 'p', uid: 'u', namespace: 'n' }, hostname: 'p', logDirectory: '/l' }, runtimeHandler: 'h' }),
    Buffer.concat([bytes(1, config), text(2, 'h')]),
  );
});

test('PodSandboxConfig.linux(8).security_context(2): namespace_options(1){network(1), pid(2), ipc(3)}, privileged(6), seccomp(9){profile_type(1)}', t => {
  const namespaces = Buffer.concat([varint(1, 2), varint(2, 2), varint(3, 2)]); // NODE = 2
  const context = Buffer.concat([bytes(1, namespaces), varint(6, 1), bytes(9, varint(1, 1))]); // Unconfined = 1
  t.deepEqual(
    encodeMessage('PodSandboxConfig', { linux: { securityContext: { namespaceOptions: { network: 'NODE', pid: 'NODE', ipc: 'NODE' }, privileged: true, seccomp: { profileType: 'Unconfined' } } } }),
    bytes(8, bytes(2, context)),
  );
});

test('CreateContainerRequest: pod_sandbox_id(1), config(2){metadata(1), image(2), command(3), mounts(7), log_path(11), linux(15)}', t => {
  const mount = Buffer.concat([text(1, '/d'), text(2, '/h'), varint(3, 1)]);
  const security = Buffer.concat([
    bytes(1, text(2, 'ALL')), // capabilities{drop_capabilities(2)}
    varint(2, 1), // privileged
    bytes(5, varint(1, 100)), // run_as_user{value}
    varint(7, 1), // readonly_rootfs
    varint(11, 1), // no_new_privs
    text(13, '/m'), // masked_paths
    text(14, '/r'), // readonly_paths
  ]);
  const config = Buffer.concat([bytes(1, text(1, 'c')), bytes(2, text(1, 'img')), text(3, 'sh'), bytes(7, mount), text(11, 'c/0.log'), bytes(15, bytes(2, security))]);
  t.deepEqual(
    encodeMessage('CreateContainerRequest', {
      podSandboxId: 's',
      config: {
        metadata: { name: 'c' }, image: { image: 'img' }, command: ['sh'], mounts: [{ containerPath: '/d', hostPath: '/h', readonly: true }], logPath: 'c/0.log',
        linux: { securityContext: { capabilities: { dropCapabilities: ['ALL'] }, privileged: true, runAsUser: { value: 100 }, readonlyRootfs: true, noNewPrivs: true, maskedPaths: ['/m'], readonlyPaths: ['/r'] } },
      },
    }),
    Buffer.concat([text(1, 's'), bytes(2, config)]),
  );
});

test('ExecSyncRequest: container_id(1), cmd(2), timeout(3); StopContainerRequest: container_id(1), timeout(2)', t => {
  t.deepEqual(encodeMessage('ExecSyncRequest', { containerId: 'c', cmd: ['a', 'b'], timeout: 5 }), Buffer.concat([text(1, 'c'), text(2, 'a'), text(2, 'b'), varint(3, 5)]));
  t.deepEqual(encodeMessage('StopContainerRequest', { containerId: 'c', timeout: 2 }), Buffer.concat([text(1, 'c'), varint(2, 2)]));
});
