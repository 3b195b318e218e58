import { lstatSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { HardrunError } from '../errors.js';
import { runDir } from '../host/directories.js';
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

/**
 * The root.path of a config.json, unchecked, when it lies in hardrun's
 * staging (src/bundle/staging.ts): the bundle's config.json is then
 * hardrun's own rewrite, whose original src/runtime/admission.ts reads.
 */
export function rootInStaging(config: unknown): string | undefined {
  const path = (config as { root?: { path?: unknown } } | null)?.root?.path;
  return typeof path === 'string' && path.startsWith(`${runDir}/`) ? path : undefined;
}
