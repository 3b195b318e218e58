import { lstatSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { HardrunError } from '../errors.js';
import type { Spec } from '../spec/types.js';

/**
 * The rootfs directory on the host. Its last component must not be a
 * symlink: hardrun creates mountpoints inside it as host root, and a
 * bundle's `rootfs -> /etc` would have it write into the host's /etc.
 */
export function rootfsOf(spec: Spec, bundle: string): string {
  const rootPath = spec.root?.path ?? 'rootfs';
  const rootfs = isAbsolute(rootPath) ? rootPath : resolve(bundle, rootPath);
  let isLink = false;
  try {
    isLink = lstatSync(rootfs).isSymbolicLink();
  } catch (error) {
    throw new HardrunError('rootfs', `the root filesystem ${rootfs} cannot be used: ${(error as Error).message}`, { cause: error });
  }
  if (isLink) throw new HardrunError('rootfs', `the root filesystem ${rootfs} is a symlink; root.path must name the directory itself`);
  return rootfs;
}
