/**
 * A unified diff of one file's text, whole (config files are short): what
 * `setup --dry-run` prints instead of writing. An undefined side is a file
 * that does not exist (before setup creates it, after --remove deletes it).
 */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined): string {
  const old = splitLines(before ?? '');
  const next = splitLines(after ?? '');
  // Longest common subsequence, by dynamic programming over the two line lists.
  const width = next.length + 1;
  const lcs = new Array<number>((old.length + 1) * width).fill(0);
  const at = (i: number, j: number): number => lcs[i * width + j] ?? 0;
  for (let i = old.length - 1; i >= 0; i -= 1) {
    for (let j = next.length - 1; j >= 0; j -= 1) {
      lcs[i * width + j] = old[i] === next[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const lines = [`--- ${before === undefined ? '/dev/null' : path}`, `+++ ${after === undefined ? '/dev/null' : path}`];
  let i = 0;
  let j = 0;
  for (;;) {
    const removed = old[i];
    const added = next[j];
    if (removed !== undefined && removed === added) {
      lines.push(` ${removed}`);
      i += 1;
      j += 1;
    } else if (removed !== undefined && (added === undefined || at(i + 1, j) >= at(i, j + 1))) {
      // Removed lines first, as diff -u prints them.
      lines.push(`-${removed}`);
      i += 1;
    } else if (added !== undefined) {
      lines.push(`+${added}`);
      j += 1;
    } else {
      break;
    }
  }
  return `${lines.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}
