import test from 'ava';
import { matchesRule, type Subject } from '../../src/policy/match.js';
import type { Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec, testOrigin } from '../helpers/specs.js';

const subject = (spec: Spec): Subject => ({ id: 'c1', spec, caller: 'moby', host: fakeHost(), origin: testOrigin, defaultDevices: [] });
const withEnv = (...env: string[]): Spec => ({ ...minimalSpec, process: { ...minimalSpec.process, env } });
const withAnnotations = (annotations: Record<string, string>): Spec => ({ ...minimalSpec, annotations });

test('an annotation matches only when the spec sets it, never through the prototype', t => {
  for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
    t.false(matchesRule({ annotations: { [key]: '*' } }, subject(withAnnotations({}))), key);
    t.false(matchesRule({ annotations: { [key]: '*' } }, subject(minimalSpec)), `${key} with no annotations`);
  }
  t.true(matchesRule({ annotations: { constructor: 'x' } }, subject(withAnnotations(JSON.parse('{"constructor":"x"}') as Record<string, string>))));
  t.true(matchesRule({ annotations: { sandbox: 'y*' } }, subject(withAnnotations({ sandbox: 'yes' }))));
  t.false(matchesRule({ annotations: { sandbox: 'y*' } }, subject(withAnnotations({ sandbox: 'no' }))));
});

// runc refuses to start a process whose environment has an entry without
// "=": such an entry sets no variable, so it matches no name.
const envCases: readonly [string, readonly string[], Record<string, string>, boolean][] = [
  ['an entry without "=" is no variable', ['FAST'], { FAS: '*' }, false],
  ['an entry without "=" is not the variable it spells either', ['FAST'], { FAST: '*' }, false],
  ['an entry without "=" does not hide a later one', ['FAST', 'FAST=1'], { FAST: '1' }, true],
  ['a value may hold "="', ['OPTS=a=b'], { OPTS: 'a=b' }, true],
  ['an empty value', ['EMPTY='], { EMPTY: '' }, true],
  ['the last of two entries counts, as in the process', ['MODE=slow', 'MODE=fast'], { MODE: 'fast' }, true],
  ['a missing variable', ['OTHER=1'], { MODE: '*' }, false],
];

for (const [title, env, wanted, expected] of envCases) {
  test(`env: ${title}`, t => {
    t.is(matchesRule({ env: wanted }, subject(withEnv(...env))), expected);
  });
}
