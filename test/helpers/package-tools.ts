import { execa } from 'execa';

/** The Debian package of each tool the package tests run. */
const toolPackages: Readonly<Record<string, string>> = {
  'dpkg-deb': 'dpkg',
  'qemu-aarch64-static': 'qemu-user-static',
  lintian: 'lintian',
  readelf: 'binutils',
  unshare: 'util-linux',
  // The arm64 engine's loader and libc, for qemu-aarch64-static -L /usr/aarch64-linux-gnu.
  '/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1': 'libc6-arm64-cross',
};

/**
 * Installs, as test/system-deps.sh does, the tools (commands, or files by
 * absolute path) a package test needs when
 * they are missing; if that fails the test fails (a check that cannot run
 * must not pass).
 */
export async function ensureTools(tools: readonly string[]): Promise<void> {
  const missing: string[] = [];
  for (const tool of tools) {
    const found = await execa('sh', ['-c', 'test -e "$1" || command -v "$1"', 'sh', tool], { reject: false });
    if (found.exitCode !== 0) missing.push(toolPackages[tool] ?? tool);
  }
  if (missing.length === 0) return;
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await execa('apt-get', ['update', '-q'], { env, stdin: 'ignore' });
  await execa('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...new Set(missing)], { env, stdin: 'ignore' });
}
