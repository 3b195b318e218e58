import { stateCommand, type FoundContainer } from './locate.js';

export interface BackendState {
  readonly pid: number;
  readonly status: string;
  /** The bundle the container was created from, as the backend recorded it. */
  readonly bundle?: string;
}

/** The container's init pid and status, from its backend's own `state` (the pid file may be stale). */
export async function readBackendState(container: FoundContainer): Promise<BackendState | { error: string }> {
  const { execa } = await import('execa');
  const [file, ...args] = stateCommand(container);
  const result = await execa(file, args, { reject: false, timeout: 10_000, stdin: 'ignore' });
  if (result.exitCode !== 0) return { error: `${file} state failed: ${result.stderr.trim() || `exit ${result.exitCode}`}` };
  try {
    const state = JSON.parse(result.stdout) as { pid?: number; status?: string; bundle?: unknown };
    return { pid: state.pid ?? 0, status: state.status ?? 'unknown', ...(typeof state.bundle === 'string' ? { bundle: state.bundle } : {}) };
  } catch {
    return { error: `${file} state printed something that is not JSON` };
  }
}
