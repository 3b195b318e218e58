/**
 * A unified diff of one file's text, whole (config files are short): what
 * `setup --dry-run` prints instead of writing. An undefined side is a file
 * that does not exist (before setup creates it, after --remove deletes it).
 */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined): string {
  const old = splitLines(before ?? '');
  const next = splitLines(after ?? '');
  // Longest common subsequence, by dynamic programming over the two line lists.
  const lcs: number[][] = Array.from({ length: old.length + 1 }, () => new Array<number>(next.length + 1).fill(0));
  for (let i = old.length - 1; i >= 0; i -= 1) {
    for (let j = next.length - 1; j >= 0; j -= 1) {
      lcs[i]![j] = old[i] === next[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const lines = [`--- ${before === undefined ? '/dev/null' : path}`, `+++ ${after === undefined ? '/dev/null' : path}`];
  let i = 0;
  let j = 0;
  while (i < old.length || j < next.length) {
    if (i < old.length && j < next.length && old[i] === next[j]) {
      lines.push(` ${old[i]!}`);
      i += 1;
      j += 1;
    } else if (i < old.length && (j === next.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removed lines first, as diff -u prints them.
      lines.push(`-${old[i]!}`);
      i += 1;
    } else {
      lines.push(`+${next[j]!}`);
      j += 1;
    }
  }
  return `${lines.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}
