import { execa, type Options } from 'execa';
import type { Outcome } from './shipped.js';

/**
 * Runs a command as if the package were installed: in a mount namespace of
 * its own, the unpacked package's /usr is laid over the host's (an overlay,
 * the package's files on top), so /usr/bin/hardrun and
 * /usr/libexec/hardrun are the package's at their real paths, and nothing
 * changes on the host. argv[0] is the path to run inside.
 */
export async function runInstalled(root: string, argv: readonly string[], options: Options = {}): Promise<Outcome> {
  const script = 'mount -t overlay hardrun-package -o "lowerdir=$1/usr:/usr" /usr || exit 125; shift; exec "$@"';
  const result = await execa('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', root, ...argv], { reject: false, stdin: 'ignore', stripFinalNewline: false, ...options });
  return { exitCode: result.exitCode ?? 128, stdout: String(result.stdout), stderr: String(result.stderr) };
}
