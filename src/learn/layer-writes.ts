import { closeSync, constants, lstatSync, openSync, readdirSync } from 'node:fs';
import { isSameOrBelow } from '../spec/mount-options.js';

/** What a container wrote in its root's own layer. */
export interface Writes {
  /** The directories it created or changed entries in. */
  readonly places: readonly string[];
  /** The entries themselves. */
  readonly examples: readonly string[];
}

/**
 * Walks an overlay's upper layer: a directory the image has is one the
 * container changed something inside, and the walk goes on into it; any
 * other entry (a new file or directory, a changed file, a whiteout of a
 * removed one) is a write in the directory that holds it. Mountpoints are
 * skipped: what is written there lands in the mount.
 *
 * The container may still run and change its layer during the walk, so no
 * path in it is looked up twice: each directory is opened beneath the
 * descriptor of its parent (through /proc/self/fd, with O_NOFOLLOW), and
 * listed through its own descriptor. A directory swapped for a symlink
 * halfway is an entry that is not a directory, never a way out to the
 * host's files.
 */
export function layerWrites(upper: string, lowers: readonly string[], mounted: ReadonlySet<string>): Writes {
  const places = new Set<string>();
  const examples: string[] = [];
  // An image layer does not change under the walk, but it may hold symlinks: each component is looked at, never followed.
  const inImage = (path: string): boolean => lowers.some(lower => {
    let current = lower;
    for (const part of path.split('/').filter(Boolean)) {
      current = `${current}/${part}`;
      try {
        if (!lstatSync(current).isDirectory()) return false;
      } catch {
        return false;
      }
    }
    return true;
  });
  const walk = (dirFd: number, dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(`/proc/self/fd/${dirFd}`).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = `${dir === '/' ? '' : dir}/${name}`;
      if (mounted.has(path)) continue;
      const child = openDirectory(`/proc/self/fd/${dirFd}/${name}`);
      if (child !== undefined) {
        try {
          if (inImage(path)) {
            walk(child, path);
            continue;
          }
        } finally {
          closeSync(child);
        }
      }
      places.add(dir);
      examples.push(path);
    }
  };
  const top = openDirectory(upper);
  if (top === undefined) return { places: [], examples: [] };
  try {
    walk(top, '/');
  } finally {
    closeSync(top);
  }
  return { places: [...places].sort(), examples };
}

/** A descriptor of the directory at `path`, whose last component is no symlink; undefined for anything else. */
function openDirectory(path: string): number | undefined {
  try {
    return openSync(path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
}

/** The places, less those beneath another of them. */
export function minimalPlaces(places: readonly string[]): string[] {
  const sorted = [...new Set(places)].sort();
  return sorted.filter(place => !sorted.some(other => other !== place && other !== '/' && isSameOrBelow(place, other)));
}
