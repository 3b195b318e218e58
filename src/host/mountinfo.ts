import { dirname, isAbsolute, resolve } from 'node:path';

/** The mount whose mountpoint is a given path, from /proc/self/mountinfo. */
export interface MountEntry {
  readonly mountPoint: string;
  readonly fsType: string;
  readonly superOptions: readonly string[];
}

/**
 * The topmost mount on `path` (the last line naming it), or undefined when
 * `path` is no mountpoint: a plain directory. `path` must be canonical.
 */
export function mountAt(mountinfo: string, path: string): MountEntry | undefined {
  const needle = ` ${escapeField(path)} `;
  let found: MountEntry | undefined;
  let from = 0;
  for (;;) {
    const at = mountinfo.indexOf(needle, from);
    if (at < 0) return found;
    const start = mountinfo.lastIndexOf('\n', at) + 1;
    const end = mountinfo.indexOf('\n', at);
    const line = mountinfo.slice(start, end < 0 ? undefined : end);
    from = end < 0 ? mountinfo.length : end;
    const fields = line.split(' ');
    const separator = fields.indexOf('-', 6);
    if (fields[4] !== escapeField(path) || separator < 0) continue;
    found = { mountPoint: path, fsType: fields[separator + 1] ?? '', superOptions: splitOptions(fields[separator + 3] ?? '') };
  }
}

/** The mount points strictly below the directory `path` (canonical), from /proc/self/mountinfo. */
export function mountPointsBelow(mountinfo: string, path: string): string[] {
  const prefix = path === '/' ? '/' : `${path}/`;
  const points: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const field = line.split(' ', 5)[4];
    if (field === undefined) continue;
    const point = unescapeField(field);
    if (point.startsWith(prefix)) points.push(point);
  }
  return points;
}

/** The layers of an overlay mount, top first: its upper (the container's own layer) then its lowers. */
export type OverlayLayers = { readonly layers: readonly string[] } | { readonly refused: string };

/**
 * Reads an overlay's layers from its super options. Docker mounts with
 * paths relative to its driver's home when the absolute ones would not fit
 * in a page (`lowerdir=l/ABC:l/DEF,upperdir=<id>/diff`), and the home is the
 * directory above the layer that holds `merged`.
 */
export function overlayLayers(entry: MountEntry): OverlayLayers {
  const lowers: string[] = [];
  let upper: string | undefined;
  for (const option of entry.superOptions) {
    const [key, value] = splitKey(option);
    if (key === 'lowerdir') lowers.push(...splitLayers(value));
    else if (key === 'lowerdir+') lowers.push(unescapeOption(value));
    else if (key === 'upperdir') upper = unescapeOption(value);
    else if (key === 'datadir+' || (key === 'metacopy' && value === 'on') || key === 'userxattr') {
      return { refused: `the overlay uses ${key}${value === '' ? '' : `=${value}`}, which hardrun does not rebuild` };
    }
  }
  if (lowers.length === 0) return { refused: 'the overlay names no lower layers' };
  const home = dirname(dirname(entry.mountPoint));
  const layers = [...(upper === undefined ? [] : [upper]), ...lowers].map(layer => (isAbsolute(layer) ? layer : resolve(home, layer)));
  return { layers };
}

function splitKey(option: string): [string, string] {
  const equals = option.indexOf('=');
  return equals < 0 ? [option, ''] : [option.slice(0, equals), option.slice(equals + 1)];
}

/** Colons separate layers; a layer's own colon is escaped with a backslash. */
function splitLayers(value: string): string[] {
  return value.split(/(?<!\\):/).filter(layer => layer !== '').map(unescapeOption);
}

function splitOptions(field: string): string[] {
  return field.split(',');
}

/** The kernel escapes space, tab, newline and backslash in mountinfo fields as octal. */
export function unescapeField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** In options also ',' and '=' (as octal) and a layer's own ':' (as "\\:"). */
function unescapeOption(value: string): string {
  return unescapeField(value).replace(/\\:/g, ':');
}

function escapeField(path: string): string {
  return path.replace(/[ \t\n\\]/g, char => `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}`);
}
