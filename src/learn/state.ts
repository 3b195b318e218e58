import { rootfsOf } from '../bundle/rootfs.js';
import { rootViewOf, type StagingPlan } from '../bundle/staging.js';
import type { ImageIdentity } from '../policy/image.js';
import type { LearnState } from './state-line.js';
import { normalizeDestination } from '../spec/mount-options.js';
import type { Spec } from '../spec/types.js';

export interface LearnInput {
  readonly audit: string | undefined;
  readonly image: ImageIdentity | undefined;
  /** The spec as hardened (before staging moves its paths), and its bundle. */
  readonly spec: Spec;
  readonly bundle: string;
  readonly mountinfo: string;
  readonly plan: StagingPlan | undefined;
  readonly writablePaths: readonly string[];
  readonly allow: readonly string[];
  readonly held: readonly number[];
}

/**
 * The learn state of a container about to be created. Its writes land in
 * hardrun's own upper layer when hardrun stages a writable overlay root
 * for a user namespace, else in the engine's (the overlay's upperdir).
 * A root that is no overlay of layers has no writes to tell from the image.
 */
export function learnStateOf(input: LearnInput): LearnState {
  const layers = layersOf(input);
  return {
    ...(input.audit === undefined ? {} : { audit: input.audit }),
    ...(input.image === undefined ? {} : { image: input.image }),
    ...layers,
    mounted: [...new Set((input.spec.mounts ?? []).map(mount => normalizeDestination(mount.destination)))],
    writablePaths: input.writablePaths,
    allow: input.allow,
    ...(input.held.length === 0 ? {} : { held: input.held }),
  };
}

function layersOf({ spec, bundle, mountinfo, plan }: LearnInput): { upper?: string; lowers?: readonly string[] } {
  if (plan?.root.kind === 'overlay' && plan.root.upper !== undefined) return { upper: plan.root.upper.upper, lowers: plan.root.layers };
  let view;
  try {
    view = rootViewOf(rootfsOf(spec, bundle), mountinfo, true);
  } catch {
    return {};
  }
  if (view.kind !== 'overlay') return {};
  const [engines, ...image] = view.layers;
  return engines === undefined ? {} : { upper: engines, lowers: image };
}
