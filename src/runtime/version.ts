import { writeSync } from 'node:fs';
import { hardrunCommit, hardrunVersion } from '../version.js';
import type { Call } from './call.js';
import { forwardCall } from './forward.js';

/**
 * `--version`: hardrun's lines, a blank line, then the backend's own output,
 * as NVIDIA's runtime wrapper prints them. dockerd keeps the last line that
 * says "version" and the last "commit:" line, which are the backend's.
 * Written straight to fd 1 (never through process.stdout, which may make
 * the shared description non-blocking) before this process becomes the backend.
 */
export async function printVersion(call: Call): Promise<number> {
  writeSync(1, `hardrun version ${hardrunVersion}\ncommit: ${hardrunCommit}\n\n`);
  return forwardCall(call);
}
