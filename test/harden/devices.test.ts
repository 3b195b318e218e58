import test from 'ava';
import { readFileSync } from 'node:fs';
import { applyDevices } from '../../src/harden/devices.js';
import { defaultHardening } from '../../src/harden/units.js';
import type { Spec } from '../../src/spec/types.js';

const fixture = (name: string): Spec => JSON.parse(readFileSync(new URL(`../../../test/fixtures/specs/${name}.json`, import.meta.url), 'utf8')) as Spec;
const settings = defaultHardening.devices;
const context = { backend: 'runc' } as const;

test('--privileged: host devices go, the rules start with deny all and allow only the nodes kept', t => {
  const input = fixture('docker-privileged');
  const before = structuredClone(input);
  t.is(input.linux!.devices!.length, 102);
  const { spec, findings } = applyDevices(input, settings, context);
  const nodes = spec.linux!.devices as { path: string }[];
  t.deepEqual(nodes.map(node => node.path), ['/dev/full', '/dev/null', '/dev/random', '/dev/tty', '/dev/urandom', '/dev/zero']);
  t.deepEqual(spec.linux!.resources!['devices'], [
    { allow: false, access: 'rwm' },
    { allow: true, type: 'c', major: 1, minor: 7, access: 'rwm' },
    { allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' },
    { allow: true, type: 'c', major: 1, minor: 8, access: 'rwm' },
    { allow: true, type: 'c', major: 5, minor: 0, access: 'rwm' },
    { allow: true, type: 'c', major: 1, minor: 9, access: 'rwm' },
    { allow: true, type: 'c', major: 1, minor: 5, access: 'rwm' },
  ]);
  t.deepEqual(spec.linux!.resources!['memory'], input.linux!.resources!['memory'], 'other resources stay');
  t.deepEqual(findings.map(f => f.path), ['linux.devices', 'linux.resources.devices']);
  t.regex(findings[0]!.message, /^removed 96 device nodes not in hardening.devices.allow: \/dev\/autofs \(c 10:235\), .* and 91 more$/);
  t.regex(findings[1]!.message, /\(a \*:\* rwm\) and started the rules with deny all/);
  t.deepEqual(input, before);
  t.deepEqual(applyDevices(spec, settings, context), { spec, findings: [] });
});

test('Docker\'s default device rules are left as they are', t => {
  const input = fixture('docker-default');
  t.deepEqual(applyDevices(input, settings, context), { spec: input, findings: [] });
});

test('a node is judged by its numbers, not its path', t => {
  const input: Spec = { linux: { devices: [{ path: '/dev/null', type: 'b', major: 8, minor: 0 }, { path: '/dev/mynull', type: 'c', major: 1, minor: 3 }] } };
  const { spec } = applyDevices(input, settings, context);
  t.deepEqual(spec.linux!.devices, [{ path: '/dev/mynull', type: 'c', major: 1, minor: 3 }]);
});

test('wildcard allow rules go, mknod-only and deny rules stay, deny all is put first', t => {
  const input: Spec = {
    linux: {
      resources: {
        devices: [
          { allow: true, type: 'c', major: 1, minor: 3, access: 'rw' },
          { allow: true, type: 'c', major: -1, minor: -1, access: 'm' },
          { allow: true, type: 'b', major: 8, minor: null, access: 'rwm' },
          { allow: false, type: 'c', major: 10, minor: 229, access: 'rwm' },
        ],
      },
    },
  };
  const { spec, findings } = applyDevices(input, settings, context);
  t.deepEqual(spec.linux!.resources!['devices'], [
    { allow: false, access: 'rwm' },
    { allow: true, type: 'c', major: 1, minor: 3, access: 'rw' },
    { allow: true, type: 'c', major: -1, minor: -1, access: 'm' },
    { allow: false, type: 'c', major: 10, minor: 229, access: 'rwm' },
  ]);
  t.regex(findings[0]!.message, /\(b 8:\* rwm\)/);
  t.deepEqual(applyDevices(spec, settings, context).findings, []);
});

test('an allow rule of type a is taken away whatever its access: to cgroup v1, a *:* m opens every device', t => {
  const input: Spec = {
    linux: {
      devices: [{ path: '/dev/sda', type: 'b', major: 8, minor: 0 }],
      resources: {
        devices: [
          { allow: false, access: 'rwm' },
          { allow: true, type: 'b', major: 8, minor: 0, access: 'rwm' },
          { allow: true, type: 'a', major: -1, minor: -1, access: 'm' },
          { allow: true, access: 'm' },
          { allow: true, type: 'c', major: -1, minor: -1, access: 'm' },
        ],
      },
    },
  };
  const { spec, findings } = applyDevices(input, settings, context);
  t.deepEqual(spec.linux!.devices, []);
  t.deepEqual(spec.linux!.resources!['devices'], [{ allow: false, access: 'rwm' }, { allow: true, type: 'c', major: -1, minor: -1, access: 'm' }]);
  t.regex(findings.map(finding => finding.message).join('\n'), /a \*:\* m/);
});

test('a spec without linux, or without devices, is returned as it is', t => {
  for (const input of [{}, { linux: { namespaces: [] } }] as Spec[]) {
    const result = applyDevices(input, settings, context);
    t.is(result.spec, input);
    t.deepEqual(result.findings, []);
  }
});
