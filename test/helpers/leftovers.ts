import { readdir, readFile } from 'node:fs/promises';
import { stagingDirFor } from '../../src/bundle/staging.js';
import { defaultRecordName } from '../../src/state/record.js';

/** What hardrun may have left for containers under `root`: records, staging directories, host mounts. */
export async function leftoversOf(root: string): Promise<{ records: string[]; staging: string[]; mounts: string[] }> {
  const records = (await readdir(`${root}.hardrun`).catch(() => [] as string[])).filter(name => name !== defaultRecordName);
  const prefix = stagingDirFor(root, '');
  const staging = (await readdir('/run/hardrun').catch(() => [] as string[])).map(name => `/run/hardrun/${name}`).filter(path => path.startsWith(prefix));
  const mounts = (await readFile('/proc/self/mountinfo', 'utf8')).split('\n').filter(line => line.includes(' /run/hardrun/'));
  return { records, staging, mounts };
}
