import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { stagingDirFor } from '../../src/bundle/staging.js';
import { claimsDir } from '../../src/state/id-slots.js';
import { defaultRecordName } from '../../src/state/record.js';

/** What hardrun may have left for containers under `root`: records, staging directories, host mounts, claims of host ids. */
export async function leftoversOf(root: string): Promise<{ records: string[]; staging: string[]; mounts: string[]; claims: string[] }> {
  const records = (await readdir(`${root}.hardrun`).catch(() => [] as string[])).filter(name => name !== defaultRecordName);
  const prefix = stagingDirFor(root, '');
  const staging = (await readdir('/run/hardrun').catch(() => [] as string[])).map(name => `/run/hardrun/${name}`).filter(path => path.startsWith(prefix));
  const mounts = (await readFile('/proc/self/mountinfo', 'utf8')).split('\n').filter(line => line.includes(' /run/hardrun/'));
  const name = basename(prefix);
  const claims: string[] = [];
  for (const slot of await readdir(claimsDir).catch(() => [] as string[])) {
    const entries = await readdir(`${claimsDir}/${slot}`).catch(() => [] as string[]);
    claims.push(...entries.filter(entry => entry.startsWith(name)).map(entry => `${claimsDir}/${slot}/${entry}`));
  }
  return { records, staging, mounts, claims };
}

/**
 * Removes what hardrun left for containers under `root` (a test's own root,
 * after a failure): staging directories (rm -d: never recursive) and claims
 * of host ids holding one of its containers' entries. Records go with the
 * test's scratch directory.
 */
export async function removeLeftoversOf(root: string): Promise<void> {
  const { staging, claims } = await leftoversOf(root);
  const { rm, rmdir } = await import('node:fs/promises');
  for (const dir of staging) {
    for (const entry of await readdir(dir).catch(() => [] as string[])) await rmdir(`${dir}/${entry}`).catch(() => rm(`${dir}/${entry}`, { force: true })).catch(() => undefined);
    await rmdir(dir).catch(() => undefined);
  }
  for (const entry of claims) {
    await rm(entry, { force: true });
    await rmdir(entry.slice(0, entry.lastIndexOf('/'))).catch(() => undefined);
  }
}
