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
  const { mounts } = parseMountTable(mountinfo);
  for (let index = mounts.length - 1; index >= 0; index -= 1) {
    if (mounts[index]?.mountPoint === path) return mounts[index];
  }
  return undefined;
}

/** The mount points strictly below the directory `path` (canonical), from /proc/self/mountinfo. */
export function mountPointsBelow(mountinfo: string, path: string): string[] {
  const prefix = path === '/' ? '/' : `${path}/`;
  return parseMountTable(mountinfo).mounts.filter(mount => mount.mountPoint.startsWith(prefix)).map(mount => mount.mountPoint);
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
  // Most fields hold no escape: a table of a thousand mounts is parsed without a regular expression's replace per field.
  if (!field.includes('\\')) return field;
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** In options also ',' and '=' (as octal) and a layer's own ':' (as "\\:"). */
function unescapeOption(value: string): string {
  return unescapeField(value).replace(/\\:/g, ':');
}

/** One line of /proc/self/mountinfo, whole. */
export interface MountRecord extends MountEntry {
  readonly id: number;
  readonly parent: number;
  /** The filesystem's device, `major:minor`. */
  readonly device: string;
  /** The directory of that filesystem the mount shows (`/etc` for a bind of /etc). */
  readonly root: string;
  /** The mount source as the kernel shows it (`/dev/vda`, `tmpfs`, `overlay`). */
  readonly source: string;
  /** The mount's own options (`rw,nosuid,nodev`), as against its filesystem's `superOptions`. */
  readonly options: readonly string[];
}

/** The mount table of one namespace, in the kernel's order. */
export interface MountTable {
  readonly mounts: readonly MountRecord[];
}

let lastTable: { readonly text: string; readonly table: MountTable } | undefined;

/** Parses /proc/self/mountinfo (once per text: a create's checks and staging read one table). */
export function parseMountTable(text: string): MountTable {
  if (lastTable?.text === text) return lastTable.table;
  const mounts: MountRecord[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const separator = fields.indexOf('-', 6);
    if (separator < 0 || fields.length < separator + 3) continue;
    mounts.push({
      id: Number(fields[0]), parent: Number(fields[1]), device: fields[2] ?? '',
      root: unescapeField(fields[3] ?? ''), mountPoint: unescapeField(fields[4] ?? ''),
      fsType: fields[separator + 1] ?? '', source: unescapeField(fields[separator + 2] ?? ''),
      superOptions: splitOptions(fields[separator + 3] ?? ''),
      options: splitOptions(fields[5] ?? ''),
    });
  }
  const table = { mounts };
  lastTable = { text, table };
  return table;
}

/**
 * The mount a canonical path lies on as a lookup there would find it: from
 * the namespace's root mount, down through each mount on a leading part of
 * the path that is mounted on the one above it (the topmost of a stack on
 * one mountpoint), so that a mount hidden under a later one is never taken
 * for what the path shows.
 */
export function visibleMountOf(table: MountTable, path: string): MountRecord | undefined {
  const index = indexOf(table);
  let current = topOf(index, index.root);
  if (current === undefined) return undefined;
  const parts = path.split('/').filter(Boolean);
  let prefix = '';
  for (const part of parts) {
    prefix = `${prefix}/${part}`;
    const child = index.children.get(childKey(current.id, prefix));
    if (child !== undefined) current = topOf(index, child) ?? child;
  }
  return current;
}

/**
 * A table's lookups, made once: a lookup walks a path's every component,
 * and a host with many containers has a thousand mounts or more (a pod's
 * root, its shm, its secrets and volumes each), which searching the whole
 * list per component made cost a create milliseconds (docs/performance.md).
 */
interface TableIndex {
  readonly mounts: number;
  /** The namespace's root mount: the first on / whose parent is in no line, else the first on /. */
  readonly root: MountRecord | undefined;
  /** By parent id and mountpoint, the last such line: the topmost of mounts stacked there. */
  readonly children: ReadonlyMap<string, MountRecord>;
}

const indexes = new WeakMap<MountTable, TableIndex>();

function indexOf(table: MountTable): TableIndex {
  const known = indexes.get(table);
  if (known !== undefined) return known;
  const ids = new Set(table.mounts.map(mount => mount.id));
  const children = new Map<string, MountRecord>();
  for (const mount of table.mounts) children.set(childKey(mount.parent, mount.mountPoint), mount);
  const index = {
    mounts: table.mounts.length,
    root: table.mounts.find(mount => mount.mountPoint === '/' && !ids.has(mount.parent)) ?? table.mounts.find(mount => mount.mountPoint === '/'),
    children,
  };
  indexes.set(table, index);
  return index;
}

function childKey(parent: number, mountPoint: string): string {
  return `${parent} ${mountPoint}`;
}

/** The last mount stacked on `mount`'s own mountpoint, or `mount` itself. */
function topOf(index: TableIndex, mount: MountRecord | undefined): MountRecord | undefined {
  let current = mount;
  for (let depth = 0; current !== undefined && depth < index.mounts; depth += 1) {
    const stacked = index.children.get(childKey(current.id, current.mountPoint));
    if (stacked === undefined || stacked === current) return current;
    current = stacked;
  }
  return current;
}
