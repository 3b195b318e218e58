import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { HardrunError } from '../errors.js';
import type { Finding } from '../harden/types.js';
import type { DecisionOutcome, Judged } from './admit.js';
import type { Policy } from './policy.js';

/** One decision, as a JSON line in the policy's audit file. */
export interface AuditRecord {
  readonly event: 'create' | 'exec';
  readonly id: string;
  readonly caller: string;
  readonly policy: string;
  readonly rule: string;
  readonly backend: string;
  readonly allowed: boolean;
  readonly refusals: readonly string[];
  readonly changes: readonly Finding[];
  readonly checks: readonly Judged[];
  /** The image, as the policy's image rules saw it. */
  readonly image?: DecisionOutcome['image'];
}

/**
 * Appends the record as one line with a single write on an O_APPEND
 * descriptor, so that concurrent calls never interleave their lines.
 */
export function writeAudit(file: string | undefined, record: AuditRecord): void {
  if (file === undefined) return;
  const line = `${JSON.stringify({
    time: new Date().toISOString(),
    ...record,
    checks: record.checks.map(({ violation, mode }) => ({ check: violation.check, path: violation.path, message: violation.message, mode })),
  })}\n`;
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    throw new HardrunError('audit', `cannot write the audit log ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

/** Records one decision in the policy's audit file (none when the policy names no file). */
export function auditDecision(policy: Policy, call: { event: AuditRecord['event']; id: string; caller: string; backend: string }, outcome: DecisionOutcome): void {
  writeAudit(policy.audit.file, {
    ...call,
    policy: policy.source,
    rule: outcome.decision.rule,
    allowed: outcome.refusals.length === 0,
    refusals: outcome.refusals,
    changes: outcome.findings,
    checks: outcome.judged,
    ...(outcome.image === undefined ? {} : { image: outcome.image }),
  });
}
