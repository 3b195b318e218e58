import { isSameOrBelow, normalizeDestination } from '../spec/mount-options.js';
import { minimalPlaces } from './layer-writes.js';
import { yamlPath } from './quote.js';

/**
 * What a container needs beyond a policy's defaults to run under
 * enforcement, as learning found it: the smallest additions, never a
 * replacement of the policy's own lists. `suggest` (one running
 * container) and `report` (many, from audit logs) both make their rules
 * here, so that the two never disagree.
 */
export interface LearnedNeeds {
  /** Directories to add to hardening.rootfs.writablePaths: none below another, never `/`. */
  readonly writablePaths: readonly string[];
  /** Capabilities to add to hardening.capabilities.allow, by name, sorted. */
  readonly capabilities: readonly string[];
  /** Whether it wrote at the top of the root, which no writable path allows. */
  readonly topOfRoot: boolean;
  /** Capabilities it was refused that hardrun never grants under runc (hardening.capabilities.never): no rule adds them. */
  readonly neverGranted: readonly string[];
}

/** What the rule adds to: the policy's writable paths and capability allowlist. */
export interface NeedsBase {
  readonly writablePaths: readonly string[];
  readonly allow: readonly string[];
  /** What no allowlist lifts under runc: a rule adding one would change nothing, and say it does. */
  readonly never?: readonly string[];
}

/** The needs of one container: the places it wrote outside the base's writable paths, the capabilities outside its allowlist. */
export function needsOf(places: readonly string[], capabilities: readonly string[], base: NeedsBase): LearnedNeeds {
  const writable = base.writablePaths.map(normalizeDestination);
  const outside = minimalPlaces(places.map(normalizeDestination).filter(place => !writable.some(path => isSameOrBelow(place, path))));
  const allowed = new Set(base.allow);
  const never = new Set(base.never ?? []);
  const extra = [...new Set(capabilities.filter(cap => !allowed.has(cap)))].sort();
  return {
    writablePaths: outside.filter(place => place !== '/'),
    capabilities: extra.filter(cap => !never.has(cap)),
    topOfRoot: outside.includes('/'),
    neverGranted: extra.filter(cap => never.has(cap)),
  };
}

/** The needs of several containers of one image: what any of them needs. */
export function mergeNeeds(all: readonly LearnedNeeds[]): LearnedNeeds {
  return {
    writablePaths: minimalPlaces(all.flatMap(needs => needs.writablePaths)).filter(place => place !== '/'),
    capabilities: [...new Set(all.flatMap(needs => needs.capabilities))].sort(),
    topOfRoot: all.some(needs => needs.topOfRoot),
    neverGranted: [...new Set(all.flatMap(needs => needs.neverGranted))].sort(),
  };
}

export function needsNothing(needs: LearnedNeeds): boolean {
  return needs.writablePaths.length === 0 && needs.capabilities.length === 0;
}

/**
 * One entry of a policy's `rules:` list (indented for it), adding the
 * needs to the policy's own lists (`{add: [...]}`, so they stay as they
 * are). `image` is the match pattern; undefined writes a placeholder the
 * operator must replace.
 */
export function ruleEntry(name: string, image: string | undefined, needs: LearnedNeeds): string[] {
  const hardening: string[] = [];
  if (needs.writablePaths.length > 0) hardening.push(`      rootfs: { writablePaths: { add: [${needs.writablePaths.map(yamlPath).join(', ')}] } }`);
  if (needs.capabilities.length > 0) hardening.push(`      capabilities: { allow: { add: [${needs.capabilities.map(yamlPath).join(', ')}] } }`);
  return [
    `  - name: ${yamlPath(name)}`,
    `    match: { image: [${image === undefined ? '"IMAGE"' : yamlPath(image)}] }`,
    hardening.length === 0 ? '    hardening: {}' : '    hardening:',
    ...hardening,
  ];
}
