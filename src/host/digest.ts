// Random names and a hash without node:crypto. Loading node:crypto in the
// compiled engine pulls in Node's stream machinery and costs about 5 ms per
// call, a fifth of a create's own time (test/bench/create-cost.ts), for six
// random bytes and one short hash. The Web Crypto global and Bun's native
// hasher give the same results at no load cost.

interface NativeHasher {
  update(data: string): NativeHasher;
  digest(encoding: 'hex'): string;
}

declare const Bun: { CryptoHasher: new (algorithm: 'sha256') => NativeHasher } | undefined;

/** `bytes` random bytes from the system's CSPRNG, as hex. */
export function randomHex(bytes: number): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}

/** The SHA-256 of `text` as hex: Bun's native hasher in the engine, node:crypto under Node (the unit tests). */
export function sha256Hex(text: string): string {
  if (typeof Bun !== 'undefined') return new Bun.CryptoHasher('sha256').update(text).digest('hex');
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}
