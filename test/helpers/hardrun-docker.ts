import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stagingDirFor } from '../../src/bundle/staging.js';
import { defaultRecordName } from '../../src/state/record.js';
import { launcherPath } from './shipped.js';
import type { PrivateDocker } from './dockerd.js';

/**
 * A runtime entry for a policy other than the default: a launcher of the
 * operator's own that execs hardrun with --policy (never runtimeArgs, whose
 * generated wrapper does not exec). Returns its path and a remover.
 */
export async function policyLauncher(policy: object): Promise<{ path: string; policy: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-policy-'));
  const policyPath = join(dir, 'policy.json');
  const path = join(dir, 'hardrun');
  await writeFile(policyPath, JSON.stringify(policy));
  await writeFile(path, `#!/bin/sh\nexec ${launcherPath} --policy ${policyPath} "$@"\n`);
  await chmod(path, 0o755);
  return { path, policy: policyPath, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Where Docker's shim tells hardrun to keep state, and so where its records are. */
export function dockerRoot(d: PrivateDocker): string {
  return join(d.execRoot, 'runtime-runc', 'moby');
}

/** Records hardrun still holds for this daemon's containers. */
export async function leftoverRecords(d: PrivateDocker): Promise<string[]> {
  try {
    return (await readdir(`${dockerRoot(d)}.hardrun`)).filter(name => name !== defaultRecordName);
  } catch {
    return [];
  }
}

/** Staging directories left under /run/hardrun for this daemon's containers. */
export async function leftoverStaging(d: PrivateDocker): Promise<string[]> {
  const prefix = stagingDirFor(dockerRoot(d), '');
  try {
    return (await readdir('/run/hardrun')).map(name => `/run/hardrun/${name}`).filter(path => path.startsWith(prefix));
  } catch {
    return [];
  }
}

/** hardrun's mounts visible on the host (there should never be any). */
export async function hostMountsOfHardrun(): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile('/proc/self/mountinfo', 'utf8')).split('\n');
  return lines.filter(line => line.split(' ')[4]?.startsWith('/run/hardrun/') === true);
}

/** The bundle directory of a Docker container, in the helper's own containerd state. */
export function dockerBundle(d: PrivateDocker, id: string): string {
  return join(d.dir, 'containerd', 'state', 'io.containerd.runtime.v2.task', 'moby', id);
}
