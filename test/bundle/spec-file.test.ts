import test from 'ava';
import fc from 'fast-check';
import { nestingDepth, nestsDeeperThan } from '../../src/bundle/spec-file.js';

/** The walk of a parsed document that guards every create, against the text scan that words its message. */
test('the depth check on a parsed document agrees with the scan of its text', t => {
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), (value, limit) => {
    const text = JSON.stringify(value);
    return nestsDeeperThan(JSON.parse(text), limit) === nestingDepth(text) > limit;
  }), { numRuns: 500 });
  t.pass();
});

test('a document 100 levels deep passes and 101 does not', t => {
  const nested = (depth: number): string => `{"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
  t.false(nestsDeeperThan(JSON.parse(nested(100)), 100));
  t.true(nestsDeeperThan(JSON.parse(nested(101)), 100));
  t.is(nestingDepth(nested(101)), 101);
  t.true(nestsDeeperThan(JSON.parse(nested(200_000)), 100));
});
