import { listManaged, type FoundContainer } from './locate.js';

/** Which pod a container belongs to, as hardrun runs it: its sandbox, and the containers that share its user namespace and host ids. */
export interface PodShown {
  readonly sandbox: string;
  readonly containers: readonly string[];
}

/**
 * A pod container's record names its sandbox (src/state/pod.ts); a
 * sandbox is the container the records of the same root name. Undefined
 * for a container of no pod hardrun knows of.
 */
export function podOfContainer(container: FoundContainer): PodShown | undefined {
  const sandbox = container.record?.pod ?? container.id;
  const containers = listManaged([container.root]).filter(found => found.record.pod === sandbox).map(found => found.id).sort();
  if (container.record?.pod === undefined && containers.length === 0) return undefined;
  return { sandbox, containers };
}

export function describePod(container: FoundContainer, pod: PodShown | undefined): string | undefined {
  if (pod === undefined) return undefined;
  const shared = 'one user namespace and host range for the pod';
  if (pod.sandbox === container.id) return `pod: sandbox of ${pod.containers.length} container(s) (${pod.containers.join(', ')}), ${shared}`;
  return `pod: a container of sandbox ${pod.sandbox}${pod.containers.length > 1 ? ` with ${pod.containers.filter(id => id !== container.id).join(', ')}` : ''}, ${shared}`;
}
