import { chmodSync, copyFileSync, lutimesSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One entry of the package's tree, by its path inside the package. */
export type TreeEntry =
  | { readonly path: string; readonly mode: number; readonly from: string }
  | { readonly path: string; readonly mode: number; readonly text: string | Buffer }
  | { readonly path: string; readonly symlink: string };

/**
 * Lays the entries out under root with the modes given, whatever the
 * builder's umask, and every directory 0755; then gives everything the
 * build's one timestamp. Owners are left to `dpkg-deb --root-owner-group`.
 */
export function layOutTree(root: string, entries: readonly TreeEntry[], epoch: number): void {
  for (const entry of entries) {
    const target = join(root, entry.path);
    mkdirSync(dirname(target), { recursive: true });
    if ('symlink' in entry) {
      symlinkSync(entry.symlink, target);
      continue;
    }
    if ('from' in entry) copyFileSync(entry.from, target);
    else writeFileSync(target, entry.text);
    chmodSync(target, entry.mode);
  }
  stampTree(root, epoch);
}

/** Every path under root (root included), directories 0755, each dated epoch. */
function stampTree(dir: string, epoch: number): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) stampTree(path, epoch);
    else lutimesSync(path, epoch, epoch);
  }
  lutimesSync(dir, epoch, epoch);
}

/** Regular files under root, as sorted paths relative to it (control files excluded). */
export function listFiles(root: string, under = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, under), { withFileTypes: true })) {
    const path = under === '' ? entry.name : `${under}/${entry.name}`;
    if (path === 'DEBIAN') continue;
    if (entry.isDirectory()) found.push(...listFiles(root, path));
    else if (entry.isFile()) found.push(path);
  }
  return found.sort();
}
