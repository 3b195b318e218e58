import { normalizeDestination } from '../spec/mount-options.js';

/**
 * Matches a path against a pattern where `*` is one path component and `**`
 * any number of them (including none).
 */
export function matchPathPattern(pattern: string, path: string): boolean {
  return pathPattern(pattern)(path);
}

/** matchPathPattern with the pattern taken apart once, for matching many paths. */
export function pathPattern(pattern: string): (path: string) => boolean {
  const want = normalizeDestination(pattern).split('/').filter(Boolean);
  return path => matchSegments(want, normalizeDestination(path).split('/').filter(Boolean));
}

function matchSegments(want: readonly string[], have: readonly string[]): boolean {
  const match = (i: number, j: number): boolean => {
    if (i === want.length) return j === have.length;
    if (want[i] === '**') return match(i + 1, j) || (j < have.length && match(i, j + 1));
    if (j === have.length) return false;
    return (want[i] === '*' || want[i] === have[j]) && match(i + 1, j + 1);
  };
  return match(0, 0);
}

/** A shell-style glob over a whole string: `*` any run of characters, `?` one. */
export function matchGlob(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

/** Names such as sysctls and annotation keys: exact, or a prefix when the pattern ends in `*`. */
export function matchName(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}
