import type { Process } from '../spec/types.js';
import type { NoNewPrivilegesSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import { processTransform } from './unit.js';

/**
 * Sets `process.noNewPrivileges`, so setuid binaries and file capabilities
 * grant nothing. gVisor honours it inside the sandbox too.
 */
export function applyNoNewPrivileges(
  process: Process,
  _settings: NoNewPrivilegesSettings,
  _context: HardenContext,
): TransformResult<Process> {
  if (process.noNewPrivileges === true) return { spec: process, findings: [] };
  const finding: Finding = {
    rule: 'no-new-privileges',
    action: 'changed',
    path: 'process.noNewPrivileges',
    message: 'set process.noNewPrivileges, so setuid programs cannot raise privileges (hardening.noNewPrivileges)',
  };
  return { spec: { ...process, noNewPrivileges: true }, findings: [finding] };
}

export const noNewPrivilegesTransform = processTransform({ name: 'noNewPrivileges', defaults: { mode: 'harden' }, apply: applyNoNewPrivileges });
