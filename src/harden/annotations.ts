import type { Spec } from '../spec/types.js';
import type { AnnotationSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import { specTransform } from './unit.js';

/**
 * Removes annotations that a backend acts on outside the container, such
 * as runc's `org.systemd.property.*` (properties of the container's systemd
 * unit). Whoever starts the container sets annotations, so they may not
 * steer the runtime on the host.
 */
export function applyAnnotations(spec: Spec, settings: AnnotationSettings, _context: HardenContext): TransformResult<Spec> {
  const annotations = spec.annotations;
  if (annotations === undefined || annotations === null || typeof annotations !== 'object') return { spec, findings: [] };
  const stripped = Object.keys(annotations).filter(key => matchesAny(key, settings.strip));
  if (stripped.length === 0) return { spec, findings: [] };
  const kept = Object.fromEntries(Object.entries(annotations).filter(([key]) => !stripped.includes(key)));
  const finding: Finding = {
    rule: 'annotations',
    action: 'changed',
    path: 'annotations',
    message: `removed ${stripped.join(', ')}: annotations that act on the host (hardening.annotations.strip)`,
  };
  return { spec: { ...spec, annotations: kept }, findings: [finding] };
}

/** A pattern ending in "*" matches by prefix; any other matches exactly. */
export function matchesAny(key: string, patterns: readonly string[]): boolean {
  return patterns.some(pattern => (pattern.endsWith('*') ? key.startsWith(pattern.slice(0, -1)) : key === pattern));
}

/**
 * Annotations that a backend turns into an action on the host. Each backend
 * lists its own in `features` as potentiallyUnsafeConfigAnnotations.
 */
const hostActingAnnotations = [
  'org.systemd.property.*', // runc: properties of the container's systemd unit (runc features)
  'org.criu.config', // runc: a host file CRIU reads at checkpoint and restore (runc features)
  'bundle', // runc: collides with the label runc keeps the bundle path in (runc features)
  'run.oci.*', // crun: e.g. run.oci.hooks.stdout opens a host file as root
  'dev.gvisor.*', // runsc: flag overrides, host tar files, internal seccomp (runsc features)
  'io.katacontainers.config.*', // Kata: hypervisor, kernel, jailer and guest-seccomp overrides
];

export const annotationsTransform = specTransform({ name: 'annotations', defaults: { mode: 'harden', strip: hostActingAnnotations }, apply: applyAnnotations });
