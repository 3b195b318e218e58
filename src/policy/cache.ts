import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { directoryModes, ensureOwnDirectory, runDir } from '../host/directories.js';
import { sha256Hex } from '../host/digest.js';
import type { Policy } from './policy.js';
import { writeFileAtomic } from '../host/atomic-file.js';

/**
 * The last policy file the engine loaded, validated and normalized, kept as
 * JSON so that the next call skips the YAML parser, the schema validator and
 * the semantic rules: about 6 ms of every engine call with a YAML policy,
 * 1 ms with a JSON one (test/bench/create-cost.ts).
 *
 * The file holds one line per policy, the most recent first: its key, a tab
 * and the policy as JSON. The key is the SHA-256 of the engine's own
 * identity (its executable's device, inode, size, mtime and ctime, which no
 * one can set back: an upgraded or rebuilt engine never reads what an older
 * one wrote), the policy's path and its whole text, read on every call: any
 * change to the file is a miss, whatever its timestamps say. A few entries
 * are kept (a host whose callers name different policies alternates between
 * them), in one file so that nothing accumulates. Two engines writing at once
 * may lose one entry, which costs the next call a full load.
 *
 * An entry is believed only when it is a regular file owned by root (or by
 * the user running hardrun) and writable by no one else, and any trouble reading or writing it is a miss:
 * the cache can make a call faster, never change or fail it.
 */
export const policyCachePath = `${runDir}/policy.cache`;

const maxEntries = 8;
const maxCacheBytes = 8 * 1024 * 1024;

/** The key of a policy text in this engine, or undefined outside the compiled engine (no stable identity). */
export function policyCacheKey(path: string, text: string): string | undefined {
  if (process.versions.bun === undefined) return undefined;
  try {
    const engine = statSync(process.execPath);
    return cacheKey(`${engine.dev}:${engine.ino}:${engine.size}:${engine.mtimeMs}:${engine.ctimeMs}`, path, text);
  } catch {
    return undefined;
  }
}

export function cacheKey(engine: string, path: string, text: string): string {
  return sha256Hex(`hardrun policy cache 1\0${engine}\0${path}\0${text}`);
}

/** One key's place in the cache at `file`, read once. */
export interface PolicyCacheEntry {
  /** The cached policy, if the cache holds one for the key and can be trusted. */
  readonly policy: Policy | undefined;
  /** Keeps `policy` under the key, ahead of the entries already there; best effort. */
  keep(policy: Policy): void;
}

export function policyCacheEntry(file: string, key: string): PolicyCacheEntry {
  const entries = key === '' || /[\t\n]/.test(key) ? undefined : readEntries(file);
  const line = entries?.find(entry => entry.startsWith(`${key}\t`));
  let policy: Policy | undefined;
  try {
    policy = line === undefined ? undefined : JSON.parse(line.slice(key.length + 1)) as Policy;
  } catch {
    policy = undefined;
  }
  return {
    policy,
    keep(next) {
      if (entries === undefined) return;
      const others = entries.filter(entry => !entry.startsWith(`${key}\t`));
      try {
        ensureOwnDirectory(file.slice(0, file.lastIndexOf('/')), directoryModes.traversable, true);
        writeFileAtomic(file, `${[`${key}\t${JSON.stringify(next)}`, ...others].slice(0, maxEntries).join('\n')}\n`, 0o600);
      } catch {
        // A read-only or full /run costs the next call the full load, nothing more.
      }
    },
  };
}

/** The cache's lines, or none when it is missing, unreadable or not to be trusted. */
function readEntries(file: string): string[] {
  let text: string;
  try {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(fd);
      const owner = stat.uid === 0 || stat.uid === process.getuid?.();
      if (!stat.isFile() || !owner || (stat.mode & 0o022) !== 0 || stat.size > maxCacheBytes) return [];
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return [];
  }
  return text.split('\n').filter(line => line.includes('\t'));
}
