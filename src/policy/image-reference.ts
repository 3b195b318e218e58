/**
 * An image reference as Docker normalises it: `nginx` is
 * `docker.io/library/nginx`, `index.docker.io/x` is `docker.io/x`, and a
 * first component with a dot, a colon or the name `localhost` is a
 * registry. A rule's pattern may hold `*` in the repository or tag.
 */
export interface ImageReference {
  /** The normalised repository, e.g. "docker.io/library/nginx"; absent for a bare digest or image id. */
  readonly repository?: string;
  readonly tag?: string;
  /** "sha256:<hex>". */
  readonly digest?: string;
}

const component = '[a-z0-9*]+(?:(?:[._]|__|-+)[a-z0-9*]+)*';
const namePattern = new RegExp(`^(?:[a-zA-Z0-9*](?:[a-zA-Z0-9.*-]*[a-zA-Z0-9*])?(?::[0-9]+)?/)?${component}(?:/${component})*$`);
const tagPattern = /^[\w*][\w.*-]{0,127}$/;
const digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const imageIdPattern = /^(?:sha256:)?([0-9a-f]{64})$/;

/**
 * Parses `[registry/]name[:tag][@digest]`, a bare digest or a 64-hex image
 * id. Returns undefined for anything Docker would not accept as a reference.
 * The tag is not defaulted here: a pattern without one matches every tag.
 */
export function parseImageReference(text: string): ImageReference | undefined {
  const id = imageIdPattern.exec(text);
  if (id !== null) return { digest: `sha256:${id[1]}` };
  const at = text.indexOf('@');
  const named = at === -1 ? text : text.slice(0, at);
  const digest = at === -1 ? undefined : text.slice(at + 1);
  if (digest !== undefined && !digestPattern.test(digest)) return undefined;
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const name = hasTag ? named.slice(0, colon) : named;
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  if (!namePattern.test(name) || (tag !== undefined && !tagPattern.test(tag))) return undefined;
  return { repository: normalizeRepository(name), ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

/** Docker's splitDockerDomain: the registry defaults to docker.io, and its one-component names to library/. */
function normalizeRepository(name: string): string {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const isRegistry = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let domain = isRegistry ? first : 'docker.io';
  const remainder = isRegistry ? name.slice(slash + 1) : name;
  if (domain === 'index.docker.io') domain = 'docker.io';
  return domain === 'docker.io' && !remainder.includes('/') ? `${domain}/library/${remainder}` : `${domain}/${remainder}`;
}

/** The reference written out in full, e.g. "docker.io/library/nginx:1.25@sha256:…". */
export function formatImageReference(reference: ImageReference): string {
  return `${reference.repository ?? ''}${reference.tag === undefined ? '' : `:${reference.tag}`}${reference.digest === undefined ? '' : `${reference.repository === undefined ? '' : '@'}${reference.digest}`}`;
}
