/** One leaf that differs between two JSON documents, by its dotted path. */
export interface JsonChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** The leaves that differ between `before` and `after` (arrays of scalars compare as a whole). */
export function diffJson(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (isComparableAsWhole(before) || isComparableAsWhole(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || '(root)', before, after }];
  }
  const changes: JsonChange[] = [];
  const keys = new Set([...Object.keys(before as object), ...Object.keys(after as object)]);
  for (const key of keys) {
    const child = Array.isArray(before) || Array.isArray(after) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
    changes.push(...diffJson((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], child));
  }
  return changes;
}

function isComparableAsWhole(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Array.isArray(value) && value.every(item => item === null || typeof item !== 'object');
}

/** A unified-diff-like rendering: `- path: old` and `+ path: new` lines. */
export function formatChanges(changes: readonly JsonChange[]): string {
  const show = (value: unknown): string => (value === undefined ? '(absent)' : JSON.stringify(value));
  return changes
    .map(change => {
      if (Array.isArray(change.before) && Array.isArray(change.after)) return formatListChange(change.path, change.before, change.after);
      const lines = [];
      if (change.before !== undefined) lines.push(`- ${change.path}: ${show(change.before)}`);
      if (change.after !== undefined) lines.push(`+ ${change.path}: ${show(change.after)}`);
      return lines.join('\n');
    })
    .join('\n');
}

/** Lists of scalars show what left and what came, not both lists whole. */
function formatListChange(path: string, before: readonly unknown[], after: readonly unknown[]): string {
  const removed = before.filter(item => !after.includes(item));
  const added = after.filter(item => !before.includes(item));
  const lines = [];
  if (removed.length > 0) lines.push(`- ${path}: ${removed.map(item => JSON.stringify(item)).join(', ')}`);
  if (added.length > 0) lines.push(`+ ${path}: ${added.map(item => JSON.stringify(item)).join(', ')}`);
  if (lines.length === 0) lines.push(`~ ${path}: reordered`);
  return lines.join('\n');
}
