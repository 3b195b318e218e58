import { closeSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { openAudit } from './audit-file.js';
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

/** Appends a decision's record, each check as its plain fields. */
export function writeAudit(file: string | undefined, record: AuditRecord): void {
  if (file === undefined) return;
  appendAuditLine(file, plainChecks(record));
}

function plainChecks(record: AuditRecord): Readonly<Record<string, unknown>> {
  return {
    ...record,
    checks: record.checks.map(({ violation, mode }) => ({ check: violation.check, path: violation.path, message: violation.message, mode })),
  };
}

/**
 * Appends one record of any event, stamped with the time and the host's
 * name: `hardrun report` reads the logs of many hosts together, and counts
 * the hosts an image ran on. One line with a single write on an O_APPEND
 * descriptor, so that concurrent calls never interleave their lines.
 */
export function appendAuditLine(file: string, record: Readonly<Record<string, unknown>>): void {
  const fd = openAudit(file);
  try {
    writeSync(fd, auditLine(record));
  } finally {
    closeSync(fd);
  }
}

function auditLine(record: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify({ time: new Date().toISOString(), host: hostname(), ...record })}\n`;
}

/** Records one decision in the policy's audit file (none when the policy names no file). */
export function auditDecision(policy: Policy, call: AuditedCall, outcome: DecisionOutcome): void {
  writeAudit(policy.audit.file, decisionRecord(policy, call, outcome));
}

/**
 * The same record, written to the audit log `openAudit` opened: a create
 * that hands over before it decides (src/runtime/watch-create.ts) opens the
 * log first, so that a log it cannot open stops it before anything runs.
 */
export function auditDecisionTo(fd: number, policy: Policy, call: AuditedCall, outcome: DecisionOutcome): void {
  writeSync(fd, auditLine(plainChecks(decisionRecord(policy, call, outcome))));
}

type AuditedCall = { event: AuditRecord['event']; id: string; caller: string; backend: string };

function decisionRecord(policy: Policy, call: AuditedCall, outcome: DecisionOutcome): AuditRecord {
  return {
    ...call,
    policy: policy.source,
    rule: outcome.decision.rule,
    allowed: outcome.refusals.length === 0,
    refusals: outcome.refusals,
    changes: outcome.findings,
    checks: outcome.judged,
    ...(outcome.image === undefined ? {} : { image: outcome.image }),
  };
}
