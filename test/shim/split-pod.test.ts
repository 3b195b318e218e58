import test from 'ava';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refuseSplitPod } from '../../src/shim/front.js';
import { writeShimChoice } from '../../src/shim/record.js';

test("a pod's containers follow its sandbox's shim, or are refused with the reason", async t => {
  const namespace = await mkdtemp(join(tmpdir(), 'hardrun-pod-'));
  t.teardown(() => rm(namespace, { recursive: true, force: true }));
  for (const [sandbox, shim] of [['runcpod', '/usr/bin/containerd-shim-runc-v2'], ['katapod', '/opt/kata/bin/containerd-shim-kata-v2']] as const) {
    await mkdir(join(namespace, sandbox));
    writeShimChoice(join(namespace, sandbox), { shim, backend: sandbox, rule: 'default' });
  }
  const container = (sandbox: string) => ({ annotations: { 'io.kubernetes.cri.sandbox-id': sandbox } });
  const bundle = join(namespace, 'app');
  t.notThrows(() => refuseSplitPod(container('runcpod'), 'app', bundle, false));
  t.notThrows(() => refuseSplitPod(container('katapod'), 'app', bundle, true));
  t.throws(() => refuseSplitPod(container('runcpod'), 'app', bundle, true), { message: /sends it to Kata, but its pod's sandbox runcpod runs under runc/ });
  t.throws(() => refuseSplitPod(container('katapod'), 'app', bundle, false), { message: /runs under Kata/ });
  t.notThrows(() => refuseSplitPod({}, 'app', bundle, true), 'not a pod container (ctr, Docker)');
  t.notThrows(() => refuseSplitPod(container('gone'), 'app', bundle, true), 'no record of the sandbox');
});
