/**
 * TOML text as table sections, so that `setup containerd --remove` can take
 * out hardrun's tables and keep every other line (comments included) as the
 * operator wrote it. The caller checks the result by parsing it.
 */

const headerPattern = /^\s*\[\[?(.*?)\]\]?\s*(#.*)?$/;

/** The key path of a table header line (`[a."b.c".d]` is a, b.c, d), or undefined for any other line. */
export function headerPath(line: string): string[] | undefined {
  const match = headerPattern.exec(line);
  if (match === null) return undefined;
  const keys: string[] = [];
  let rest = (match[1] ?? '').trim();
  while (rest !== '') {
    let key: string;
    if (rest.startsWith('"')) {
      const end = /^"(?:[^"\\]|\\.)*"/.exec(rest);
      if (end === null) return undefined;
      key = JSON.parse(end[0]) as string;
      rest = rest.slice(end[0].length);
    } else if (rest.startsWith("'")) {
      const end = rest.indexOf("'", 1);
      if (end < 0) return undefined;
      key = rest.slice(1, end);
      rest = rest.slice(end + 1);
    } else {
      const bare = /^[A-Za-z0-9_-]+/.exec(rest);
      if (bare === null) return undefined;
      key = bare[0];
      rest = rest.slice(key.length);
    }
    keys.push(key);
    rest = rest.trimStart();
    if (rest.startsWith('.')) rest = rest.slice(1).trimStart();
    else if (rest !== '') return undefined;
  }
  return keys;
}

/**
 * The text without the tables `remove` picks (each from its header to the
 * next header), and without the comment lines right above a removed table
 * that `isOwnComment` claims, with one blank line before them.
 */
export function removeTables(text: string, remove: (path: readonly string[]) => boolean, isOwnComment: (line: string) => boolean): string {
  const lines = text.split('\n');
  const at = (index: number): string => lines[index] ?? '';
  const drop = new Array<boolean>(lines.length).fill(false);
  let inRemoved = false;
  lines.forEach((line, index) => {
    const path = headerPath(line);
    if (path !== undefined) inRemoved = remove(path);
    drop[index] = inRemoved;
  });
  // Walk up from each removed header over blank lines and hardrun's comments; drop up to the
  // topmost such comment, and the one blank line that separated the block from the text above.
  for (let index = 0; index < lines.length; index += 1) {
    if (!drop[index] || headerPath(at(index)) === undefined) continue;
    let top = index;
    for (let above = index - 1; above >= 0 && !drop[above]; above -= 1) {
      const line = at(above);
      if (isOwnComment(line)) top = above;
      else if (line.trim() !== '') break;
    }
    for (let line = top; line < index; line += 1) drop[line] = true;
    if (top < index && top > 0 && at(top - 1).trim() === '' && !drop[top - 1]) drop[top - 1] = true;
  }
  // Comments right above a kept table are its own, even where they fall inside a removed
  // table's lines (as text appended after hardrun's tables does), with the blank line above them.
  for (let index = 0; index < lines.length; index += 1) {
    if (drop[index] || headerPath(at(index)) === undefined) continue;
    let above = index - 1;
    while (above >= 0 && at(above).trimStart().startsWith('#') && !isOwnComment(at(above))) {
      drop[above] = false;
      above -= 1;
    }
    if (above >= 0 && above < index - 1 && at(above).trim() === '') drop[above] = false;
  }
  // The empty string after the file's final newline stays, so the text still ends with one.
  if (lines.length > 1 && lines[lines.length - 1] === '') drop[lines.length - 1] = false;
  return lines.filter((_, index) => !drop[index]).join('\n');
}
