import test from 'ava';
import { readFileSync } from 'node:fs';
import { defaultHardening } from '../../src/harden/units.js';
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

test('a path the host lacks is not added; one the config already names stays', t => {
  const input = fixture('docker-privileged');
  const lacking = new Set(['/proc/sysrq-trigger', '/sys/firmware']);
  const asked: string[] = [];
  const hasPath = (path: string): boolean => {
    asked.push(path);
    return !lacking.has(path);
  };
  const { spec, findings } = applySystemPaths(input, settings, { ...context, hasPath });
  t.false(spec.linux!.readonlyPaths!.includes('/proc/sysrq-trigger'));
  t.false(spec.linux!.maskedPaths!.includes('/sys/firmware'));
  t.deepEqual(spec.linux!.readonlyPaths, settings.readonly.filter(path => !lacking.has(path)));
  t.notRegex(findings.map(f => f.message).join('\n'), /sysrq-trigger|\/sys\/firmware/);
  t.deepEqual(applySystemPaths(spec, settings, { ...context, hasPath }).findings, [], 'idempotent');

  const withOwn = { ...input, linux: { ...input.linux, readonlyPaths: ['/proc/sysrq-trigger'] } };
  asked.length = 0;
  const kept = applySystemPaths(withOwn, settings, { ...context, hasPath }).spec;
  t.is(kept.linux!.readonlyPaths![0], '/proc/sysrq-trigger', "the config's own entry is the caller's");
  t.false(asked.includes('/proc/sysrq-trigger'), 'paths the config names are not looked up');
});

test('Docker\'s default spec asks the host about nothing it already lists', t => {
  const input = fixture('docker-default');
  const asked: string[] = [];
  applySystemPaths(input, settings, { ...context, hasPath: path => { asked.push(path); return true; } });
  const listed = new Set([...input.linux!.maskedPaths!, ...input.linux!.readonlyPaths!]);
  t.true(asked.every(path => !listed.has(path)));
});
