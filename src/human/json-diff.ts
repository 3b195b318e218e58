import type { Delta } from 'jsondiffpatch';

/** One change between two JSON documents, at a readable path. */
export interface JsonChange {
  /** Dotted, with array items named by what they are (`mounts[/tmp]`, `linux.seccomp.syscalls[SCMP_ACT_ERRNO mount …]`). */
  readonly path: string;
  readonly action: 'added' | 'removed' | 'changed' | 'reordered';
  readonly before?: unknown;
  readonly after?: unknown;
}

type Json = Record<string, unknown>;

/**
 * The changes from `before` to `after`, structurally: arrays are matched by
 * value (scalars) or by what their items are (a mount by its destination, a
 * seccomp rule by its action and conditions), so that a syscall taken out of
 * a rule reads as that one name gone, not as every later index changed.
 * jsondiffpatch is loaded here, by `explain` alone, never on a runtime call.
 */
export async function diffJson(before: unknown, after: unknown): Promise<JsonChange[]> {
  const { create } = await import('jsondiffpatch');
  const delta = create({ objectHash: identityOf, arrays: { detectMove: false } }).diff(before, after);
  const changes: JsonChange[] = [];
  walk(delta, after, '', changes);
  return changes;
}

/** What an array item is, for matching it across the two documents; undefined matches nothing. */
function identityOf(item: object): string | undefined {
  const value = item as Json;
  if (typeof value['destination'] === 'string') return `mount ${value['destination']}`;
  if (Array.isArray(value['names'])) {
    const { names: _names, ...conditions } = value;
    return `syscalls ${JSON.stringify(conditions)}`;
  }
  if (typeof value['type'] === 'string') return `${value['type']} ${typeof value['path'] === 'string' ? value['path'] : ''}`;
  return JSON.stringify(item);
}

/** How an array item is named in a path. */
function labelOf(item: unknown, index: number): string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return String(index);
  const value = item as Json;
  if (typeof value['destination'] === 'string') return value['destination'];
  const names = value['names'];
  if (Array.isArray(names)) {
    const shown = names.slice(0, 3).join(' ');
    return `${String(value['action'])} ${shown}${names.length > 3 ? ' …' : ''}`;
  }
  if (typeof value['path'] === 'string') return value['path'];
  if (typeof value['type'] === 'string') return value['type'];
  return String(index);
}

function walk(delta: Delta, after: unknown, path: string, changes: JsonChange[]): void {
  if (delta === undefined) return;
  if (Array.isArray(delta)) {
    if (delta.length === 1) emit('added', path, delta[0], changes);
    else if (delta.length === 2) changes.push({ path: path || '(root)', action: 'changed', before: delta[0], after: delta[1] });
    else emit('removed', path, delta[0], changes);
    return;
  }
  const object = delta as Record<string, Delta>;
  if ((delta as { _t?: unknown })._t === 'a') {
    walkArray(object, Array.isArray(after) ? after : [], path, changes);
    return;
  }
  const afterObject = (after ?? {}) as Json;
  for (const [key, child] of Object.entries(object)) walk(child, afterObject[key], path === '' ? key : `${path}.${key}`, changes);
}

/** An array's delta: `N` is an item added (or changed) at index N of `after`, `_N` one removed from index N of the original. */
function walkArray(delta: Record<string, Delta>, after: readonly unknown[], path: string, changes: JsonChange[]): void {
  const removed: [number, unknown][] = [];
  const added: [number, unknown][] = [];
  const nested: [number, Delta][] = [];
  for (const [key, child] of Object.entries(delta)) {
    if (key === '_t' || child === undefined || typeof child !== 'object') continue;
    if (key.startsWith('_')) removed.push([Number(key.slice(1)), (child as unknown[])[0]]);
    else if (Array.isArray(child) && child.length === 1) added.push([Number(key), child[0]]);
    else nested.push([Number(key), child]);
  }
  const scalar = (value: unknown): boolean => value === null || typeof value !== 'object';
  const key = (value: unknown): unknown => (scalar(value) ? value : JSON.stringify(value));
  const addedKeys = new Set(added.map(([, item]) => key(item)));
  const removedKeys = new Set(removed.map(([, item]) => key(item)));
  // An item both gone and come, unchanged, only moved.
  const gone = removed.filter(([, item]) => !addedKeys.has(key(item)));
  const come = added.filter(([, item]) => !removedKeys.has(key(item)));
  if (gone.length === 0 && come.length === 0 && nested.length === 0) {
    if (removed.length > 0) changes.push({ path, action: 'reordered' });
    return;
  }
  const scalarsGone = gone.map(([, item]) => item).filter(scalar);
  const scalarsCome = come.map(([, item]) => item).filter(scalar);
  if (scalarsGone.length > 0) changes.push({ path, action: 'removed', before: scalarsGone });
  if (scalarsCome.length > 0) changes.push({ path, action: 'added', after: scalarsCome });
  for (const [index, item] of gone) if (!scalar(item)) emit('removed', `${path}[${labelOf(item, index)}]`, item, changes);
  for (const [index, item] of come) if (!scalar(item)) emit('added', `${path}[${labelOf(item, index)}]`, item, changes);
  for (const [index, child] of nested) walk(child, after[index], `${path}[${labelOf(after[index], index)}]`, changes);
}

/** An added or removed object reads key by key; anything else as one value. */
function emit(action: 'added' | 'removed', path: string, value: unknown, changes: JsonChange[]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0 && path !== '' && !path.endsWith(']')) {
    for (const [key, child] of Object.entries(value)) emit(action, `${path}.${key}`, child, changes);
    return;
  }
  if (Array.isArray(value) && value.length > 0 && value.every(item => item !== null && typeof item === 'object' && !Array.isArray(item))) {
    value.forEach((item, index) => emit(action, `${path}[${labelOf(item, index)}]`, item, changes));
    return;
  }
  changes.push(action === 'added' ? { path: path || '(root)', action, after: value } : { path: path || '(root)', action, before: value });
}

/** Text lines, as a unified diff reads: `- path: old`, `+ path: new`; lists of scalars name only what left and what came. */
export function formatChanges(changes: readonly JsonChange[]): string {
  return changes.flatMap(change => {
    switch (change.action) {
      case 'reordered': return [`~ ${change.path}: reordered`];
      case 'added': return [`+ ${change.path}: ${show(change.after)}`];
      case 'removed': return [`- ${change.path}: ${show(change.before)}`];
      case 'changed': return [`- ${change.path}: ${show(change.before)}`, `+ ${change.path}: ${show(change.after)}`];
    }
  }).join('\n');
}

/** A list of scalars that left or came shows as its items; anything else as JSON. */
function show(value: unknown): string {
  return Array.isArray(value) && value.every(item => item === null || typeof item !== 'object')
    ? value.map(item => JSON.stringify(item)).join(', ')
    : JSON.stringify(value);
}
