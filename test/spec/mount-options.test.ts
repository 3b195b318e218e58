import test from 'ava';
import fc from 'fast-check';
import { posix } from 'node:path';
import { normalizeDestination } from '../../src/spec/mount-options.js';

/** What normalizeDestination promises, computed the slow way for every input. */
function normalizedTheLongWay(path: string): string {
  const normal = posix.normalize(`/${path}`);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

test('normalizeDestination gives posix.normalize\'s answer, fast path or not', t => {
  const path = fc.array(fc.constantFrom('/', '.', '..', 'a', 'b.', '.c', '...'), { maxLength: 12 }).map(parts => parts.join(''));
  fc.assert(fc.property(path, text => normalizeDestination(text) === normalizedTheLongWay(text)), { numRuns: 3000 });
  const examples: [string, string][] = [['/tmp/', '/tmp'], ['//tmp', '/tmp'], ['/var/../tmp', '/tmp'], ['tmp', '/tmp'], ['/', '/'], ['', '/'], ['/a/./b', '/a/b'], ['/a/..b', '/a/..b']];
  for (const [given, expected] of examples) {
    t.is(normalizeDestination(given), expected);
  }
});
