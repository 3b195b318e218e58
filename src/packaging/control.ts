import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { maintainer } from './copyright.js';
import type { SourceFacts } from './source-facts.js';
import { listFiles } from './tree.js';

export interface ControlFacts {
  readonly facts: SourceFacts;
  readonly arch: string;
  /** The newest glibc symbol version the engine needs. */
  readonly glibc: string;
  readonly installedSizeKiB: number;
}

/**
 * DEBIAN/control. hardrun runs containers through a backend: runc is the
 * built-in policy's default, so it is a dependency; crun and runsc are
 * backends a policy may choose; Docker or containerd is what calls hardrun,
 * only suggested: Docker's own packages (docker-ce, containerd.io) conflict
 * with Debian's, and a Recommends would pull Debian's in beside them.
 */
export function renderControl({ facts, arch, glibc, installedSizeKiB }: ControlFacts): string {
  return [
    'Package: hardrun',
    `Version: ${facts.version}`,
    `Architecture: ${arch}`,
    `Maintainer: ${maintainer}`,
    `Installed-Size: ${installedSizeKiB}`,
    `Depends: libc6 (>= ${glibc}), runc`,
    'Suggests: crun, runsc, docker.io | containerd',
    'Section: admin',
    'Priority: optional',
    'Description: hardening OCI runtime wrapper for Docker and containerd',
    ' hardrun is called by Docker and containerd exactly as they call runc. On',
    ' create it hardens the bundle\'s config.json by policy (capabilities dropped,',
    ' a read-only root filesystem, container root mapped to an unprivileged host',
    ' range, a seccomp profile, no-new-privileges, masked /proc paths), refuses',
    ' what cannot be made safe (host namespaces, sensitive host mounts), and',
    ' hands the call to the backend the policy chooses: runc, crun, runsc',
    ' (gVisor) or Kata Containers.',
    ' .',
    ' Installing the package changes no daemon configuration: "hardrun setup',
    ' docker" and "hardrun setup containerd" register it, and undo it with',
    ' --remove.',
    '',
  ].join('\n');
}

/** DEBIAN/md5sums: every regular file of the tree, sorted. */
export function renderMd5sums(root: string): string {
  return listFiles(root).map(path => `${createHash('md5').update(readFileSync(join(root, path))).digest('hex')}  ${path}\n`).join('');
}

/** Installed-Size as dpkg-gencontrol counts it: each file's size in KiB rounded up, one for every other entry. */
export function measureInstalledSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'DEBIAN') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += 1 + measureInstalledSize(path);
    else if (entry.isFile()) total += Math.ceil(lstatSync(path).size / 1024);
    else total += 1;
  }
  return total;
}
