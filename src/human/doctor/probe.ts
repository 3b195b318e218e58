import { accessSync, constants, readFileSync } from 'node:fs';

/** What the doctor reads of the host: files, executables and their versions (a fake one in tests). */
export interface HostProbe {
  readFile(path: string): string | undefined;
  isExecutable(path: string): boolean;
  /** The first line of `PATH --version`, or undefined when it fails. */
  version(path: string): Promise<string | undefined>;
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
  async version(path) {
    const { execa } = await import('execa');
    const result = await execa(path, ['--version'], { reject: false, timeout: 5_000, stdin: 'ignore' });
    const line = `${result.stdout}\n${result.stderr}`.trim().split('\n')[0];
    return result.exitCode === 0 && line !== undefined && line !== '' ? line : undefined;
  },
};
