import test from 'ava';
import { applyNoNewPrivileges } from '../../src/harden/no-new-privileges.js';
import { defaultHardening } from '../../src/harden/units.js';
import type { Process } from '../../src/spec/types.js';

const settings = defaultHardening.noNewPrivileges;
const context = { backend: 'runc' } as const;

for (const value of [undefined, false]) {
  test(`noNewPrivileges ${String(value)} becomes true, keeping the rest`, t => {
    const input: Process = { args: ['sh'], noNewPrivileges: value, extra: { kept: true } };
    const result = applyNoNewPrivileges(input, settings, context);
    t.deepEqual(result.spec, { args: ['sh'], noNewPrivileges: true, extra: { kept: true } });
    t.is(input.noNewPrivileges, value, 'input untouched');
    t.is(result.findings.length, 1);
    t.like(result.findings[0], { rule: 'no-new-privileges', action: 'changed', path: 'process.noNewPrivileges' });
    t.regex(result.findings[0]!.message, /hardening.noNewPrivileges/);
  });
}

test('already set: the same object and no finding', t => {
  const input: Process = { noNewPrivileges: true };
  const result = applyNoNewPrivileges(input, settings, context);
  t.is(result.spec, input);
  t.deepEqual(result.findings, []);
});
