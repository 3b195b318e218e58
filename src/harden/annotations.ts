import type { Spec } from '../spec/types.js';
import type { AnnotationSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';

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
