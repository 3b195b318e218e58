import test from 'ava';
import { randomHex, sha256Hex } from '../../src/host/digest.js';

test('randomHex gives exactly the hex digits asked for, different each call', t => {
  for (const bytes of [1, 4, 6, 8, 13]) {
    const names = new Set(Array.from({ length: 200 }, () => randomHex(bytes)));
    for (const name of names) t.regex(name, new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
    // 200 draws of 8 or more bits: a repeat is possible only for one byte.
    if (bytes >= 4) t.is(names.size, 200);
  }
});

test('sha256Hex is SHA-256', t => {
  t.is(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
