import type { TestFn } from 'ava';
import { importBusybox, startDockerd, type DockerdOptions, type PrivateDocker, type RunOptions, type RunResult } from './dockerd.js';

export interface DockerSuite {
  /** The suite's private dockerd (throws if it did not start). */
  daemon: () => PrivateDocker;
  /** `docker ARGS` against it, never rejecting: tests look at the exit code. */
  docker(args: string[], options?: RunOptions): Promise<RunResult>;
}

/**
 * One private dockerd for a test file: `prepare` runs first (it may make
 * launchers and files, registering their removal with `cleanup`) and returns
 * the daemon's options; the busybox image is imported unless asked not to,
 * and `ready` runs once the daemon answers.
 * Everything is stopped and removed after the file, whatever happened.
 */
export function dockerSuite(
  test: TestFn,
  prepare: (cleanup: (remove: () => Promise<unknown>) => void) => Promise<DockerdOptions>,
  options: { busybox?: boolean; ready?: (daemon: PrivateDocker) => Promise<void> } = {},
): DockerSuite {
  let daemon: PrivateDocker | undefined;
  const removals: (() => Promise<unknown>)[] = [];
  test.before(async () => {
    const dockerdOptions = await prepare(remove => removals.push(remove));
    daemon = await startDockerd(dockerdOptions);
    if (options.busybox !== false) await importBusybox(daemon);
    await options.ready?.(daemon);
  });
  test.after.always(async () => {
    await daemon?.stop();
    for (const remove of removals.reverse()) await remove();
  });
  const current = (): PrivateDocker => {
    if (daemon === undefined) throw new Error('private dockerd did not start');
    return daemon;
  };
  return { daemon: current, docker: (args, runOptions = {}) => current().docker(args, { reject: false, ...runOptions }) };
}
