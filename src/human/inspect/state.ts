import { stateCommand, type FoundContainer } from './locate.js';

export interface BackendState {
  readonly pid: number;
  readonly status: string;
}

/** The container's init pid and status, from its backend's own `state` (the pid file may be stale). */
export async function readBackendState(container: FoundContainer): Promise<BackendState | { error: string }> {
  const { execa } = await import('execa');
  const [file, ...args] = stateCommand(container);
  const result = await execa(file, args, { reject: false, timeout: 10_000, stdin: 'ignore' });
  if (result.exitCode !== 0) return { error: `${file} state failed: ${result.stderr.trim() || `exit ${result.exitCode}`}` };
  try {
    const state = JSON.parse(result.stdout) as { pid?: number; status?: string };
    return { pid: state.pid ?? 0, status: state.status ?? 'unknown' };
  } catch {
    return { error: `${file} state printed something that is not JSON` };
  }
}
