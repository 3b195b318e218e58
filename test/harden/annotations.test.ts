import test from 'ava';
import { applyAnnotations, matchesAny } from '../../src/harden/annotations.js';
import { defaultHardening } from '../../src/harden/units.js';
import type { Spec } from '../../src/spec/types.js';

const settings = defaultHardening.annotations;
const context = { backend: 'runc' } as const;

const table: { title: string; annotations: Record<string, string>; kept: Record<string, string>; stripped: string[] }[] = [
  {
    title: 'runc\'s systemd properties, CRIU config and bundle label go',
    annotations: {
      'org.systemd.property.ExecStartPre': "['/bin/sh']",
      'org.systemd.property.CPUQuota': '10%',
      'org.criu.config': '/etc/shadow',
      bundle: '/elsewhere',
      'io.kubernetes.cri.container-type': 'container',
    },
    kept: { 'io.kubernetes.cri.container-type': 'container' },
    stripped: ['org.systemd.property.ExecStartPre', 'org.systemd.property.CPUQuota', 'org.criu.config', 'bundle'],
  },
  {
    title: 'crun\'s, gVisor\'s and Kata\'s host-acting annotations go',
    annotations: {
      'run.oci.hooks.stdout': '/etc/cron.d/x',
      'dev.gvisor.flag.network': 'host',
      'dev.gvisor.tar.rootfs.upper': '/root/x.tar',
      'io.katacontainers.config.hypervisor.path': '/tmp/evil',
      'io.katacontainers.pkg.oci.container_type': 'pod_sandbox',
    },
    kept: { 'io.katacontainers.pkg.oci.container_type': 'pod_sandbox' },
    stripped: ['run.oci.hooks.stdout', 'dev.gvisor.flag.network', 'dev.gvisor.tar.rootfs.upper', 'io.katacontainers.config.hypervisor.path'],
  },
  {
    title: 'exact patterns match exactly',
    annotations: { 'bundle.name': 'x', 'org.criu.config.d': 'y', 'org.systemd.propertyX': 'z' },
    kept: { 'bundle.name': 'x', 'org.criu.config.d': 'y', 'org.systemd.propertyX': 'z' },
    stripped: [],
  },
];

for (const row of table) {
  test(row.title, t => {
    const input: Spec = { annotations: row.annotations, extra: 1 };
    const before = structuredClone(input);
    const { spec, findings } = applyAnnotations(input, settings, context);
    t.deepEqual(spec, { annotations: row.kept, extra: 1 });
    t.deepEqual(input, before);
    if (row.stripped.length === 0) {
      t.is(spec, input);
      t.deepEqual(findings, []);
    } else {
      t.deepEqual(findings, [{
        rule: 'annotations',
        action: 'changed',
        path: 'annotations',
        message: `removed ${row.stripped.join(', ')}: annotations that act on the host (hardening.annotations.strip)`,
      }]);
    }
    t.deepEqual(applyAnnotations(spec, settings, context), { spec, findings: [] });
  });
}

test('a spec without annotations (Docker 20.10) is returned as it is', t => {
  const input: Spec = { ociVersion: '1.0.2-dev' };
  t.deepEqual(applyAnnotations(input, settings, context), { spec: input, findings: [] });
});

test('matchesAny', t => {
  t.true(matchesAny('a.b.c', ['a.*']));
  t.true(matchesAny('a.', ['a.*']));
  t.false(matchesAny('a', ['a.*']));
  t.true(matchesAny('a', ['a']));
  t.false(matchesAny('ab', ['a']));
  t.true(matchesAny('anything', ['*']));
});
