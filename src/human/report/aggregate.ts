import { mergeNeeds, needsOf, type LearnedNeeds, type NeedsBase } from '../../learn/rule.js';
import { parseImageReference } from '../../policy/image-reference.js';

/**
 * `hardrun report`'s view of audit logs: per image, what the containers
 * seen of it would meet under enforcement, and what they need. Pure: the
 * records in, the summary out. Records are read as untrusted JSON (logs
 * gathered from many hosts): a field of the wrong shape is ignored, never
 * believed.
 */

/** Per image: the normalised reference (`docker.io/library/busybox:latest`), or why it is unknown. */
export interface ImageSummary {
  /** The normalised reference; for an image hardrun could not know, "unknown". */
  readonly image: string;
  /** The pattern a rule matches it by; undefined when no rule can name it. */
  readonly match: string | undefined;
  readonly containers: number;
  readonly hosts: readonly string[];
  /** Containers whose create the built-in policy would leave as it is. */
  readonly unchanged: number;
  /** What the built-in policy's transforms would change, by transform, with how many containers. */
  readonly changedBy: readonly Count[];
  /** What its checks would refuse, by check and sentence, with how many containers. */
  readonly refusedBy: readonly Count[];
  /** Containers whose needs were learned (a record of their delete). */
  readonly learned: number;
  /** What the learned containers need, merged: the smallest rule for all of them. */
  readonly needs: LearnedNeeds;
  /** Capabilities it was refused, with the programs that asked (from the learned records). */
  readonly programs: Readonly<Record<string, readonly string[]>>;
  /** Why a container of it could not be learned from, or why its image is unknown. */
  readonly notes: readonly string[];
}

export interface Count {
  readonly what: string;
  readonly containers: number;
}

export interface Aggregate {
  readonly images: readonly ImageSummary[];
  /** Lines that were no audit record hardrun writes. */
  readonly skipped: number;
  readonly records: number;
}

interface Bucket {
  image: string;
  match: string | undefined;
  containers: Set<string>;
  hosts: Set<string>;
  changed: Map<string, Set<string>>;
  refused: Map<string, Set<string>>;
  touched: Set<string>;
  created: Set<string>;
  learned: Map<string, LearnedNeeds>;
  programs: Map<string, Set<string>>;
  notes: Set<string>;
}

/** Caps each list a record adds, so that a hostile or broken log cannot blow the report up. */
const maxListed = 256;

/** Summarises audit records (parsed JSON lines) by image, judging learned needs against `base` (the built-in policy's). */
export function aggregate(lines: readonly unknown[], base: NeedsBase, skippedBefore = 0): Aggregate {
  const buckets = new Map<string, Bucket>();
  let skipped = skippedBefore;
  let records = 0;
  for (const line of lines) {
    const record = asObject(line);
    const event = record?.['event'];
    const id = stringOf(record?.['id']);
    if (record === undefined || id === undefined || (event !== 'create' && event !== 'learned')) {
      if (event !== 'exec') skipped += 1;
      continue;
    }
    records += 1;
    const { key, match, note } = imageKey(record['image']);
    const bucket = buckets.get(key) ?? newBucket(key, match);
    buckets.set(key, bucket);
    if (note !== undefined) bucket.notes.add(note);
    const host = stringOf(record['host']) ?? 'unknown host';
    // One container id may be reused on another host: a container is an id on a host.
    const container = `${host}\t${id}`;
    bucket.containers.add(container);
    bucket.hosts.add(host);
    if (event === 'create') addCreate(bucket, container, record);
    else addLearned(bucket, container, record, base);
  }
  return { images: [...buckets.values()].map(summarise).sort((a, b) => a.image.localeCompare(b.image)), skipped, records };
}

function addCreate(bucket: Bucket, container: string, record: Record<string, unknown>): void {
  bucket.created.add(container);
  for (const change of listOf(record['changes'])) {
    const rule = stringOf(asObject(change)?.['rule']);
    const action = asObject(change)?.['action'];
    if (rule === undefined || (action !== 'audited' && action !== 'changed')) continue;
    add(bucket.changed, rule, container);
    bucket.touched.add(container);
  }
  // The built-in policy enforces every check: whatever one found, it refuses.
  for (const check of listOf(record['checks'])) {
    const name = stringOf(asObject(check)?.['check']);
    const message = stringOf(asObject(check)?.['message']);
    if (name === undefined) continue;
    add(bucket.refused, `${name}: ${message ?? 'no message'}`, container);
    bucket.touched.add(container);
  }
  // A refusal of a check repeats its finding; one of no check (an
  // unmappable root, a linked device) stands alone.
  if (listOf(record['checks']).length > 0) return;
  for (const refusal of listOf(record['refusals'])) {
    const text = stringOf(refusal);
    if (text === undefined) continue;
    add(bucket.refused, text, container);
    bucket.touched.add(container);
  }
}

function addLearned(bucket: Bucket, container: string, record: Record<string, unknown>, base: NeedsBase): void {
  const places = listOf(record['wrote']).map(stringOf).filter((path): path is string => path?.startsWith('/') === true);
  if (record['wroteTop'] === true) places.push('/');
  const refused = listOf(record['refused']).map(asObject);
  const capabilities = refused.map(entry => stringOf(entry?.['capability'])).filter((cap): cap is string => cap !== undefined && /^CAP_[A-Z_]+$/.test(cap));
  const needs = needsOf(places, capabilities, base);
  const earlier = bucket.learned.get(container);
  bucket.learned.set(container, earlier === undefined ? needs : mergeNeeds([earlier, needs]));
  for (const entry of refused) {
    const cap = stringOf(entry?.['capability']);
    if (cap === undefined || (!needs.capabilities.includes(cap) && !needs.neverGranted.includes(cap))) continue;
    for (const program of listOf(entry?.['programs']).map(stringOf)) if (program !== undefined) add(bucket.programs, cap, program);
  }
  for (const note of listOf(record['notes']).map(stringOf)) if (note !== undefined) bucket.notes.add(note);
  if (needs.topOfRoot) bucket.notes.add('it writes at the top of the root, which no writable path allows: keep its root writable (hardening.rootfs.mode: audit in its rule), or change the image');
}

function summarise(bucket: Bucket): ImageSummary {
  const counts = (map: Map<string, Set<string>>): Count[] => [...map].map(([what, set]) => ({ what, containers: set.size })).sort((a, b) => b.containers - a.containers || a.what.localeCompare(b.what));
  return {
    image: bucket.image,
    match: bucket.match,
    containers: bucket.containers.size,
    hosts: [...bucket.hosts].sort(),
    unchanged: [...bucket.created].filter(container => !bucket.touched.has(container)).length,
    changedBy: counts(bucket.changed),
    refusedBy: counts(bucket.refused),
    learned: bucket.learned.size,
    needs: mergeNeeds([...bucket.learned.values()]),
    programs: Object.fromEntries([...bucket.programs].map(([cap, set]) => [cap, [...set].sort()])),
    notes: [...bucket.notes].sort(),
  };
}

/**
 * The image a record names, as the audit log has it (src/policy/image.ts):
 * grouped by repository and tag, matched by a rule the same way. The
 * reference is parsed again, so that a log line cannot smuggle a pattern
 * (`*`) or YAML into the policy.
 */
function imageKey(value: unknown): { key: string; match: string | undefined; note?: string } {
  const image = asObject(value);
  if (image === undefined) return { key: 'unknown', match: undefined, note: 'some containers\' images were not recorded (an audit log written before hardrun recorded images, or by a policy without an audit file)' };
  if (image['known'] !== true) return { key: 'unknown', match: undefined, note: `image unknown: ${stringOf(image['reason']) ?? 'no reason given'}` };
  const repository = stringOf(image['repository']);
  const tag = stringOf(image['tag']);
  const named = repository === undefined ? undefined : `${repository}${tag === undefined ? '' : `:${tag}`}`;
  if (named !== undefined && !named.includes('*') && parseImageReference(named)?.repository === repository) return { key: named, match: named };
  const digest = listOf(image['digests']).map(stringOf).find(text => text !== undefined && /^sha256:[0-9a-f]{64}$/.test(text));
  if (digest !== undefined) return { key: digest, match: digest };
  return { key: 'unknown', match: undefined, note: 'an image was recorded without a reference hardrun can match' };
}

function newBucket(image: string, match: string | undefined): Bucket {
  return { image, match, containers: new Set(), hosts: new Set(), changed: new Map(), refused: new Map(), touched: new Set(), created: new Set(), learned: new Map(), programs: new Map(), notes: new Set() };
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value.slice(0, maxListed) : [];
}
