import { execa, type Options } from 'execa';
import { resolve } from 'node:path';

/** The shipped pair: the launcher Docker calls, and the engine it may exec. */
export const launcherPath = resolve('bin/hardrun');
export const enginePath = resolve('bin/hardrun-engine');

export interface Outcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the launcher (or, with `via: 'engine'`, the engine directly, as the
 * launcher's full path would; `launcher` names a copy of the launcher to run).
 */
export async function runHardrun(args: readonly string[], options: Options & { via?: 'launcher' | 'engine'; launcher?: string } = {}): Promise<Outcome> {
  const { via = 'launcher', launcher = launcherPath, ...rest } = options;
  const result = await execa(via === 'engine' ? enginePath : launcher, args, { reject: false, stdin: 'ignore', stripFinalNewline: false, ...rest });
  return { exitCode: result.exitCode ?? 128, stdout: String(result.stdout), stderr: String(result.stderr) };
}
