import { isAbsolute, posix } from 'node:path';
import { normalizeDestination } from '../spec/mount-options.js';
import type { HostFacts, Origin } from './types.js';

/**
 * The host paths a bind mount's source may name, symlinks resolved. runc
 * joins a relative source to its working directory, the bundle, lexically
 * (Go's filepath.Join, so `..` is taken before symlinks), and its working
 * directory is the bundle as named or as the kernel resolves it (Go's
 * Getwd prefers $PWD when it names the same directory): every candidate is
 * judged, so `../secret` from /x/b is /x/secret, never /secret.
 */
export function hostSourcesOf(source: string, origin: Origin, host: HostFacts): string[] {
  if (isAbsolute(source)) return [host.realpath(normalizeDestination(source))];
  const bases = new Set([origin.bundle, host.realpath(origin.bundle)]);
  return [...new Set([...bases].map(base => host.realpath(normalizeDestination(posix.join(base, source)))))];
}
