import test from 'ava';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { validate } from '../../src/policy/generated/validate-policy.js';
import { builtinChecks, builtinHardening } from '../../src/policy/builtin.js';

test('the generated types and validator are up to date with the schema', async t => {
  const result = await promisify(execFile)('node', ['schemas/generate.mjs', '--check']).then(() => 0, (error: unknown) => {
    const { code, stderr } = error as { code?: number; stderr?: string };
    t.log(stderr);
    return code ?? 1;
  });
  t.is(result, 0, 'run: npm run generate');
});

test('the built-in settings are themselves a valid policy document', t => {
  const document = { version: 1, hardening: builtinHardening, checks: builtinChecks };
  t.true(validate(document), JSON.stringify(validate.errors));
});
