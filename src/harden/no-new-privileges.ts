import type { Process } from '../spec/types.js';
import type { Finding, TransformResult } from './types.js';
import type { HardeningSettings } from './settings.js';

/** Sets `process.noNewPrivileges`, so setuid binaries and file capabilities grant nothing. */
export function applyNoNewPrivileges(process: Process, settings: HardeningSettings): TransformResult<Process> {
  if (!settings.noNewPrivileges || process.noNewPrivileges === true) return { spec: process, findings: [] };
  const finding: Finding = {
    rule: 'no-new-privileges',
    action: 'changed',
    path: 'process.noNewPrivileges',
    message: 'set noNewPrivileges, so setuid programs cannot raise privileges',
  };
  return { spec: { ...process, noNewPrivileges: true }, findings: [finding] };
}
