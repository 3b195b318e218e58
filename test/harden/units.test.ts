import test from 'ava';
import { readFile } from 'node:fs/promises';
import { checkUnits, defaultChecks } from '../../src/checks/units.js';
import { defaultHardening, transformUnits } from '../../src/harden/units.js';

interface Schema { definitions: Record<string, { properties: Record<string, unknown> }> }

test('every hardening and every check of the schema has one unit, and the defaults are the units\'', async t => {
  const schema = JSON.parse(await readFile('schemas/policy.schema.json', 'utf8')) as Schema;
  t.deepEqual(transformUnits.map(unit => unit.name).sort(), Object.keys(schema.definitions['hardening']?.properties ?? {}).sort());
  t.deepEqual(checkUnits.map(unit => unit.name).sort(), Object.keys(schema.definitions['checks']?.properties ?? {}).sort());
  for (const unit of transformUnits) t.is(defaultHardening[unit.name], unit.defaults);
  for (const unit of checkUnits) t.is(defaultChecks[unit.name], unit.defaults);
});

test('the pipeline order: annotations, the process, seccomp after it, the user namespace last', t => {
  t.deepEqual(transformUnits.map(unit => `${unit.name}:${unit.target}`), [
    'annotations:spec', 'capabilities:process', 'noNewPrivileges:process', 'seccomp:spec', 'systemPaths:spec',
    'kernelFilesystems:spec', 'devices:spec', 'rootfs:spec', 'userNamespace:spec',
  ]);
});
