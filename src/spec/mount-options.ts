import { posix } from 'node:path';
import type { Mount } from './types.js';

/** The options with "ro" in place of any "rw"; the same array when they already say so. */
export function withReadOnly(options: readonly string[] | undefined): string[] {
  if (options === undefined) return ['ro'];
  if (options.includes('ro') && !options.includes('rw')) return options as string[];
  const rest = options.filter(option => option !== 'rw' && option !== 'ro');
  return [...rest, 'ro'];
}

export function isReadOnly(mount: Mount): boolean {
  return mount.options !== undefined && mount.options.includes('ro') && !mount.options.includes('rw');
}

export function isBindMount(mount: Mount): boolean {
  return mount.type === 'bind' || (mount.options ?? []).some(option => option === 'bind' || option === 'rbind');
}

/**
 * An absolute path with no empty, "." or ".." component and no trailing
 * slash: already normal. Surrogates take the slow path, where Bun's
 * normalize turns a lone one into U+FFFD, as runc's JSON decoder does.
 */
const normalPath = /^(?:\/(?!\.\.?(?:\/|$))[^/\uD800-\uDFFF]+)+$/;

/** "/tmp/", "//tmp" and "/var/../tmp" all mean "/tmp" inside the container. */
export function normalizeDestination(destination: string): string {
  // Most paths are normal already; the test is cheaper than a normalize.
  if (normalPath.test(destination)) return destination;
  const normal = posix.normalize(`/${destination}`);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** True when `path` is `ancestor` or lies below it. */
export function isSameOrBelow(path: string, ancestor: string): boolean {
  return path === ancestor || ancestor === '/' || path.startsWith(`${ancestor}/`);
}
