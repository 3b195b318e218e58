import { readCapabilityTrace } from '../host/cap-trace.js';
import { capabilityName } from '../host/capability-numbers.js';
import { appendAuditLine } from '../policy/audit.js';
import { isSameOrBelow, normalizeDestination } from '../spec/mount-options.js';
import type { ContainerRecord } from '../state/record.js';
import { layerWrites } from './layer-writes.js';
import { needsOf } from './rule.js';

/** Kept small: the record says what to allow; a few examples say why. */
const maxExamples = 16;
const maxPrograms = 8;

/** The record a learned container's delete appends to the audit log (`hardrun report` reads it). */
export interface LearnedRecord {
  readonly event: 'learned';
  readonly id: string;
  readonly caller: string;
  readonly image?: NonNullable<ContainerRecord['learn']>['image'];
  /** The directories it wrote in outside the writable paths it ran with, none below another. */
  readonly wrote: readonly string[];
  /** Whether it wrote at the top of the root, which no writable path allows. */
  readonly wroteTop: boolean;
  /** Some of the entries it wrote outside the writable paths, for the operator. */
  readonly examples: readonly string[];
  /** The capabilities beyond its allowlist the kernel refused it, with the programs that asked. */
  readonly refused: readonly { readonly capability: string; readonly programs: readonly string[] }[];
  /** What could not be learned, and why. */
  readonly notes: readonly string[];
}

/**
 * What a learned container needed, read at its delete from what it left:
 * its writes from its own layer (still there: the engine removes the layer
 * after the runtime's delete), its refused capabilities from its trace
 * (read before the trace is stopped). Undefined when the record learns
 * nothing or names no audit log.
 */
export function learnedRecord(id: string, caller: string, record: ContainerRecord): { file: string; record: LearnedRecord } | undefined {
  const learn = record.learn;
  if (learn?.audit === undefined) return undefined;
  const notes: string[] = [];
  const writes = learn.upper === undefined ? undefined : layerWrites(learn.upper, learn.lowers ?? [], new Set(learn.mounted));
  if (writes === undefined) notes.push('its root is not an overlay of layers, so its writes cannot be told from the image');
  const uses = record.trace === undefined ? undefined : readCapabilityTrace(record.trace, learn.held ?? []);
  if (uses === undefined) notes.push('its capabilities were not watched (no tracefs, or a backend other than runc)');
  const needs = needsOf(writes?.places ?? [], (uses ?? []).map(use => capabilityName(use.cap)), { writablePaths: learn.writablePaths, allow: learn.allow });
  const refused = (uses ?? [])
    .filter(use => needs.capabilities.includes(capabilityName(use.cap)) || needs.neverGranted.includes(capabilityName(use.cap)))
    .map(use => ({ capability: capabilityName(use.cap), programs: use.programs.slice(0, maxPrograms) }));
  return {
    file: learn.audit,
    record: {
      event: 'learned', id, caller,
      ...(learn.image === undefined ? {} : { image: learn.image }),
      wrote: needs.writablePaths,
      wroteTop: needs.topOfRoot,
      examples: (writes?.examples ?? []).filter(path => !learn.writablePaths.some(writable => isSameOrBelow(path, normalizeDestination(writable)))).slice(0, maxExamples),
      refused,
      notes,
    },
  };
}

/**
 * Appends the record, best effort: a delete must succeed whatever the
 * audit log does, and prints nothing (its caller parses the backend's
 * output). A learned container whose log cannot be written is one the
 * report does not see.
 */
export function appendLearnedRecord(id: string, caller: string, record: ContainerRecord): void {
  try {
    const learned = learnedRecord(id, caller, record);
    if (learned !== undefined) appendAuditLine(learned.file, { ...learned.record });
  } catch {
    // Nothing to tell anyone here; see above.
  }
}
