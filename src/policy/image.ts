import type { Spec } from '../spec/types.js';
import { parseImageReference, type ImageReference } from './image-reference.js';

/** The annotation containerd's CRI plugin sets to the image a Kubernetes container was created from. */
export const criImageAnnotation = 'io.kubernetes.cri.image-name';

/** The image a container runs, as far as hardrun can know it, and where that came from. */
export type ImageIdentity =
  | {
    readonly known: true;
    /** The reference as recorded ("nginx:1.25"), and its normalised parts. */
    readonly recorded: string;
    readonly repository?: string;
    readonly tag?: string;
    /** The reference's digest and the image id, each "sha256:<hex>". */
    readonly digests: readonly string[];
    /** Where it was read, for `explain` and the audit log. */
    readonly source: string;
  }
  | { readonly known: false; readonly reason: string };

/** What Docker's own record of a container says about its image (see host/docker-record.ts). */
export type DockerImageRecord =
  | { readonly found: true; readonly reference: string; readonly imageId: string; readonly file: string }
  | { readonly found: false; readonly reason: string };

/** What the image lookup needs from its caller: the spec, the id, the caller and a reader of Docker's record. */
export interface ImageSubject {
  readonly id: string;
  readonly spec: Spec;
  readonly caller: string;
  /** Given: used as is (explain --image, tests); else looked up. */
  readonly image?: ImageIdentity;
  readonly host: { readonly readDockerRecord?: (rootPath: string, id: string) => DockerImageRecord | undefined };
}

const looked = new WeakMap<object, ImageIdentity>();

/**
 * The image of a container, looked up once per subject. Docker's record is
 * the daemon's own, found from the rootfs path Docker passed (never from a
 * file in the bundle); Kubernetes' is the annotation containerd's CRI
 * plugin writes, believed only from the k8s.io caller. Anything else, and
 * any doubt, is an unknown image, which no image rule matches.
 */
export function imageOf(subject: ImageSubject): ImageIdentity {
  if (subject.image !== undefined) return subject.image;
  const cached = looked.get(subject);
  if (cached !== undefined) return cached;
  const identity = lookUp(subject);
  looked.set(subject, identity);
  return identity;
}

function lookUp({ id, spec, caller, host }: ImageSubject): ImageIdentity {
  const rootPath = spec.root?.path;
  const docker = typeof rootPath === 'string' ? host.readDockerRecord?.(rootPath, id) : undefined;
  if (docker?.found === true) return fromDocker(docker);
  if (docker !== undefined) return { known: false, reason: docker.reason };
  if (caller === 'k8s.io') {
    const annotated = spec.annotations?.[criImageAnnotation];
    if (typeof annotated !== 'string') return { known: false, reason: `the k8s.io caller set no ${criImageAnnotation} annotation` };
    const reference = parseImageReference(annotated);
    if (reference === undefined) return { known: false, reason: `the ${criImageAnnotation} annotation "${annotated}" is not an image reference` };
    return identityOf(annotated, reference, [], `the ${criImageAnnotation} annotation of containerd's CRI`);
  }
  return {
    known: false,
    reason: `the rootfs ${String(rootPath)} is not in a Docker data root, and the caller "${caller}" is not Kubernetes' (k8s.io)`,
  };
}

function fromDocker(record: Extract<DockerImageRecord, { found: true }>): ImageIdentity {
  const imageId = parseImageReference(record.imageId)?.digest;
  const ids = imageId === undefined ? [] : [imageId];
  const bare = record.reference.replace(/^sha256:/, '');
  // `docker run 3f57d9401f8d` records the id prefix it was given, which
  // would otherwise read as the repository docker.io/library/3f57d9401f8d.
  if (/^[0-9a-f]+$/.test(bare) && imageId !== undefined && imageId.slice('sha256:'.length).startsWith(bare)) {
    return { known: true, recorded: record.reference, digests: ids, source: `Docker's record ${record.file}` };
  }
  const reference = parseImageReference(record.reference);
  if (reference === undefined) return { known: false, reason: `Docker's record ${record.file} names the image "${record.reference}", which is not a reference` };
  return identityOf(record.reference, reference, ids, `Docker's record ${record.file}`);
}

function identityOf(recorded: string, reference: ImageReference, ids: readonly string[], source: string): ImageIdentity {
  // Docker and the kubelet pull a reference without tag or digest as :latest.
  const tag = reference.tag ?? (reference.digest === undefined && reference.repository !== undefined ? 'latest' : undefined);
  const digests = [...(reference.digest === undefined ? [] : [reference.digest]), ...ids.filter(id => id !== reference.digest)];
  return {
    known: true,
    recorded,
    ...(reference.repository === undefined ? {} : { repository: reference.repository }),
    ...(tag === undefined ? {} : { tag }),
    digests,
    source,
  };
}

/** Whether a rule's image patterns name this image: any pattern, each of its parts. */
export function imageMatches(patterns: readonly string[], identity: ImageIdentity): boolean {
  if (!identity.known) return false;
  return patterns.some(text => {
    const pattern = parseImageReference(text);
    if (pattern === undefined) return false;
    if (pattern.repository !== undefined && (identity.repository === undefined || !globMatches(pattern.repository, identity.repository))) return false;
    if (pattern.tag !== undefined && (identity.tag === undefined || !globMatches(pattern.tag, identity.tag))) return false;
    if (pattern.digest !== undefined && !identity.digests.includes(pattern.digest)) return false;
    return true;
  });
}

/** `*` is any run of characters; nothing else is special. */
function globMatches(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  const parts = pattern.split('*');
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length) return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found === -1 || found + part.length > text.length - last.length) return false;
    at = found + part.length;
  }
  return true;
}

/** One line for explain: what the image is and where that came from, or why it is unknown. */
export function describeImage(identity: ImageIdentity): string {
  if (!identity.known) return `unknown (${identity.reason}): no image rule matches`;
  const parts = [identity.repository === undefined ? undefined : `${identity.repository}${identity.tag === undefined ? '' : `:${identity.tag}`}`, ...identity.digests].filter(Boolean);
  return `${parts.join(' ')} (recorded as "${identity.recorded}", from ${identity.source})`;
}

/** An image named by a person (`explain --image`, `policy check --image`), as a container of it would be seen. */
export function namedImage(text: string, source: string): ImageIdentity {
  const reference = parseImageReference(text);
  if (reference === undefined) return { known: false, reason: `"${text}" is not an image reference` };
  return identityOf(text, reference, [], source);
}
