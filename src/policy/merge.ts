/**
 * Overlays `override` on `base`: plain objects merge key by key; a list
 * edit (`{add, remove}` where `base` is a list) edits the list; anything
 * else, a list included, replaces. Neither input is changed.
 */
export function mergeSettings<T>(base: T, override: unknown): T {
  if (Array.isArray(base) && isPlainObject(override)) return editList(base, override) as T;
  if (!isPlainObject(base) || !isPlainObject(override)) return (override === undefined ? base : override) as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) merged[key] = mergeSettings((base as Record<string, unknown>)[key], value);
  }
  return merged as T;
}

/** A list edit of a policy: entries taken out of the list it edits, then entries appended (those it lacks). */
export interface ListEdit {
  readonly add?: readonly unknown[];
  readonly remove?: readonly unknown[];
}

/** The list `edit` makes of `list`: `remove` first, then `add`, each entry once. */
export function editList(list: readonly unknown[], edit: ListEdit): unknown[] {
  const removed = new Set((edit.remove ?? []).map(itemKey));
  const kept = list.filter(item => !removed.has(itemKey(item)));
  const present = new Set(kept.map(itemKey));
  for (const item of edit.add ?? []) {
    const key = itemKey(item);
    if (!present.has(key)) {
      kept.push(item);
      present.add(key);
    }
  }
  return kept;
}

/** Where `remove` names an entry the list it edits does not hold (a typo, or a name written differently). */
export function unmatchedRemovals(base: unknown, override: unknown, at: string): { path: string; item: unknown }[] {
  if (Array.isArray(base) && isPlainObject(override)) {
    const held = new Set(base.map(itemKey));
    const remove = Array.isArray(override['remove']) ? override['remove'] as unknown[] : [];
    return remove.flatMap((item, index) => (held.has(itemKey(item)) ? [] : [{ path: `${at}.remove[${index}]`, item }]));
  }
  if (!isPlainObject(base) || !isPlainObject(override)) return [];
  return Object.entries(override).flatMap(([key, value]) => unmatchedRemovals(base[key], value, `${at}.${key}`));
}

/** Entries are strings, or small objects such as device rules, whose keys may come in any order. */
function itemKey(item: unknown): string {
  if (typeof item === 'string') return item;
  if (!isPlainObject(item)) return JSON.stringify(item);
  return JSON.stringify(Object.keys(item).sort().map(key => [key, item[key]]));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
