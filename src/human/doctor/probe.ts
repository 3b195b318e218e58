import { accessSync, constants, lstatSync, readFileSync } from 'node:fs';

/** What the doctor reads of the host: files, executables and their versions (a fake one in tests). */
export interface HostProbe {
  readFile(path: string): string | undefined;
  isExecutable(path: string): boolean;
  /** The first line of `PATH --version`, or undefined when it fails. */
  version(path: string): Promise<string | undefined>;
  /** What is at `path`, symlinks not followed; undefined when nothing is. */
  entry?(path: string): PathEntry | undefined;
}

export interface PathEntry {
  readonly kind: 'directory' | 'symlink' | 'other';
  /** Permission bits, as chmod takes them. */
  readonly mode: number;
  readonly uid: number;
}

export const realHost: HostProbe = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  entry(path) {
    try {
      const stat = lstatSync(path);
      return { kind: stat.isDirectory() ? 'directory' : stat.isSymbolicLink() ? 'symlink' : 'other', mode: stat.mode & 0o7777, uid: stat.uid };
    } catch {
      return undefined;
    }
  },
  async version(path) {
    const { execa } = await import('execa');
    const result = await execa(path, ['--version'], { reject: false, timeout: 5_000, stdin: 'ignore' });
    const line = `${result.stdout}\n${result.stderr}`.trim().split('\n')[0];
    return result.exitCode === 0 && line !== undefined && line !== '' ? line : undefined;
  },
};
