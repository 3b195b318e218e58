// Mount namespaces a benchmark can run a call in (`nsenter --mount=FILE`):
// one with this host's mounts, and one with many more, as a node running
// many pods has (each pod's root, shm, secrets and volumes are mounts, and
// a create reads and searches the whole table). Each is kept by a bind
// mount of its namespace file, in a directory made private first, as
// unshare(1) requires; `remove` unmounts them all.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from '../helpers/dockerd.js';
import { must } from './runner.js';

export interface MountNamespaces {
  /** A copy of this host's mount namespace. */
  readonly quiet: string;
  /** The same with `extra` more tmpfs mounts. */
  readonly busy: string;
  readonly extra: number;
  /** `argv` run in the namespace kept at `file`. */
  readonly enter: (file: string, argv: readonly string[]) => readonly [string, string[]];
  readonly remove: () => void;
}

/** Undefined when util-linux's unshare or nsenter is missing. */
export function mountNamespaces(dir: string, extra: number): MountNamespaces | undefined {
  const unshare = findExecutable('unshare', ['/usr/bin', '/bin']);
  const nsenter = findExecutable('nsenter', ['/usr/bin', '/bin']);
  if (unshare === undefined || nsenter === undefined) return undefined;
  const home = join(dir, 'namespaces');
  mkdirSync(home);
  const kept: string[] = [];
  const remove = (): void => {
    for (const path of kept.reverse()) spawnSync('umount', [path], { stdio: 'ignore' });
    kept.splice(0);
  };
  try {
    must('mount', ['--bind', home, home]);
    kept.push(home);
    must('mount', ['--make-private', home]);
    const quiet = join(home, 'quiet');
    const busy = join(home, 'busy');
    for (const file of [quiet, busy]) writeFileSync(file, '');
    must(unshare, [`--mount=${quiet}`, '--propagation', 'private', 'true']);
    kept.push(quiet);
    const points = join(home, 'points');
    must(unshare, [`--mount=${busy}`, '--propagation', 'private', 'sh', '-c',
      'i=0; while [ "$i" -lt "$1" ]; do mkdir -p "$2/$i" && mount -t tmpfs -o size=4k none "$2/$i" || exit 1; i=$((i + 1)); done', 'sh', String(extra), points]);
    kept.push(busy);
    return { quiet, busy, extra, enter: (file, argv) => [nsenter, [`--mount=${file}`, '--', ...argv]], remove };
  } catch (error) {
    remove();
    throw error;
  }
}
