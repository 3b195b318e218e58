import type { Process, Spec } from '../spec/types.js';
import { isSameOrBelow, normalizeDestination } from '../spec/mount-options.js';
import type { Violation } from './types.js';
import { defineCheck } from './unit.js';

/**
 * A working directory under /proc lets a process reach a host file
 * descriptor that leaked into the container (CVE-2024-21626: `-w
 * /proc/self/fd/7`). Checked for create's process and for every exec.
 */
export function checkProcCwd(process: Process | undefined, where: string): Violation<Process>[] {
  const cwd = process?.cwd;
  if (cwd === undefined || !isSameOrBelow(normalizeDestination(cwd), '/proc')) return [];
  return [{
    check: 'procCwd',
    path: `${where}.cwd`,
    message: `the working directory ${cwd} is under /proc, where a leaked host file descriptor can be reached`,
    fix: current => ({ ...current, cwd: '/' }),
  }];
}

export const procCwdCheck = defineCheck({
  name: 'procCwd',
  defaults: { mode: 'enforce' },
  check: spec => checkProcCwd(spec.process, 'process').map(violation => ({ ...violation, fix: (current: Spec) => ({ ...current, process: violation.fix(current.process ?? {}) }) })),
});
