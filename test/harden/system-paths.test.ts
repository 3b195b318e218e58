import test from 'ava';
import { readFileSync } from 'node:fs';
import { defaultHardening } from '../../src/harden/settings.js';
import { applySystemPaths } from '../../src/harden/system-paths.js';
import type { Spec } from '../../src/spec/types.js';

const fixture = (name: string): Spec => JSON.parse(readFileSync(new URL(`../../../test/fixtures/specs/${name}.json`, import.meta.url), 'utf8')) as Spec;
const settings = defaultHardening.systemPaths;
const context = { backend: 'runc' } as const;

test('--privileged and systempaths=unconfined drop both lists: both come back in full', t => {
  for (const name of ['docker-privileged', 'docker-unconfined']) {
    const input = fixture(name);
    t.is(input.linux!.maskedPaths, undefined);
    const { spec, findings } = applySystemPaths(input, settings, context);
    t.deepEqual(spec.linux!.maskedPaths, [...settings.masked]);
    t.deepEqual(spec.linux!.readonlyPaths, [...settings.readonly]);
    t.true(spec.linux!.maskedPaths!.includes('/proc/kcore'));
    t.deepEqual(findings.map(f => f.path), ['linux.maskedPaths', 'linux.readonlyPaths']);
    t.regex(findings[0]!.message, /^masked \/proc\/asound, .*\/proc\/kcore.* \(hardening.systemPaths.masked\)$/);
    t.regex(findings[1]!.message, /^made \/proc\/bus, .*\/proc\/sysrq-trigger read-only \(hardening.systemPaths.readonly\)$/);
    t.deepEqual({ ...spec.linux, maskedPaths: undefined, readonlyPaths: undefined }, { ...input.linux, maskedPaths: undefined, readonlyPaths: undefined });
  }
});

test('Docker\'s own lists are kept in their order; only what is missing is appended', t => {
  const input = fixture('docker-default');
  const before = structuredClone(input);
  const { spec, findings } = applySystemPaths(input, settings, context);
  t.deepEqual(spec.linux!.maskedPaths, [...input.linux!.maskedPaths!, '/sys/devices/virtual/powercap']);
  t.is(spec.linux!.readonlyPaths, input.linux!.readonlyPaths, 'unchanged list, same array');
  t.deepEqual(findings.map(f => f.message), ['masked /sys/devices/virtual/powercap (hardening.systemPaths.masked)']);
  t.deepEqual(input, before);
  t.deepEqual(applySystemPaths(spec, settings, context), { spec, findings: [] });
});

test('extra entries of the config stay, and a spec without linux gets one', t => {
  const input: Spec = { linux: { maskedPaths: ['/proc/extra'], extra: 1 } };
  const { spec } = applySystemPaths(input, settings, context);
  t.deepEqual(spec.linux!.maskedPaths, ['/proc/extra', ...settings.masked]);
  t.is(spec.linux!['extra'], 1);
  const bare = applySystemPaths({ ociVersion: '1.0.2' }, settings, context).spec;
  t.deepEqual(bare, { ociVersion: '1.0.2', linux: { maskedPaths: [...settings.masked], readonlyPaths: [...settings.readonly] } });
});
