// Random names and a hash without node:crypto. Loading node:crypto in the
// compiled engine pulls in Node's stream machinery and costs about 5 ms per
// call, a fifth of a create's own time (test/bench/create-cost.ts), for six
// random bytes and one short hash. Bun's native hasher gives the same hash
// at no load cost.

interface NativeHasher {
  update(data: string): NativeHasher;
  digest(encoding: 'hex'): string;
}

declare const Bun: { CryptoHasher: new (algorithm: 'sha256') => NativeHasher } | undefined;

/**
 * `bytes` random bytes as hex, for the names of temporary files: names that
 * must not collide and that no one can guess ahead, not secrets. Math.random
 * (seeded from the system's CSPRNG when the engine starts) costs
 * microseconds; the first call of the Web Crypto global costs about 0.25 ms
 * in the engine, for its lazy set-up (docs/performance.md).
 */
export function randomHex(bytes: number): string {
  let hex = '';
  while (hex.length < bytes * 2) hex += Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, '0');
  return hex.slice(0, bytes * 2);
}

/** The SHA-256 of `text` as hex: Bun's native hasher in the engine, node:crypto under Node (the unit tests). */
export function sha256Hex(text: string): string {
  if (typeof Bun !== 'undefined') return new Bun.CryptoHasher('sha256').update(text).digest('hex');
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}
