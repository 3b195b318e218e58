import { readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import { HardrunError } from '../../errors.js';
import type { ConfigVersion, TomlTable } from './containerd-config.js';
import { readOptional } from './files.js';

/** The file hardrun writes into an imported drop-in directory. */
export const dropInName = 'hardrun.toml';

export interface LoadedFile {
  readonly path: string;
  readonly text: string;
  readonly config: TomlTable;
}

/**
 * The files a main config imports, in the order containerd loads them:
 * breadth first, each pattern's matches sorted, a file loaded once. A
 * relative path is relative to the importing file's directory; a relative
 * glob is too for containerd 2.x, while 1.x leaves it to its working
 * directory (systemd's is /). Missing files are skipped, as globs skip them.
 */
export function loadImports(main: LoadedFile, version: ConfigVersion, parse: (text: string, path: string) => TomlTable): LoadedFile[] {
  const loaded = new Set([main.path]);
  const files: LoadedFile[] = [];
  const pending = resolveImports(main.path, main.config['imports'], version);
  for (let path = pending.shift(); path !== undefined; path = pending.shift()) {
    if (loaded.has(path)) continue;
    loaded.add(path);
    const text = readOptional(path);
    if (text === undefined) continue;
    const config = parse(text, path);
    files.push({ path, text, config });
    pending.push(...resolveImports(path, config['imports'], version));
  }
  return files;
}

/**
 * Where hardrun's drop-in goes: `hardrun.toml` in the directory of the first
 * import pattern that would load it (a fixed directory, a wildcard only in
 * the file name, as in `/etc/containerd/conf.d/*.toml`). Undefined when the
 * config imports no such directory.
 */
export function dropInPath(mainPath: string, imports: unknown, version: ConfigVersion): string | undefined {
  for (const pattern of importList(imports)) {
    const absolute = absoluteImport(mainPath, pattern, version);
    const dir = dirname(absolute);
    if (hasWildcard(dir) || !hasWildcard(basename(absolute))) continue;
    if (globSegment(basename(absolute)).test(dropInName)) return join(dir, dropInName);
  }
  return undefined;
}

function resolveImports(parent: string, imports: unknown, version: ConfigVersion): string[] {
  const out: string[] = [];
  for (const pattern of importList(imports)) {
    const absolute = absoluteImport(parent, pattern, version);
    out.push(...(hasWildcard(absolute) ? expandGlob(absolute) : [absolute]));
  }
  return out;
}

function importList(imports: unknown): string[] {
  if (imports === undefined) return [];
  if (!Array.isArray(imports) || !imports.every((item): item is string => typeof item === 'string')) {
    throw new HardrunError('setup', 'the config\'s "imports" must be a list of paths');
  }
  return imports;
}

function absoluteImport(parent: string, pattern: string, version: ConfigVersion): string {
  const path = normalize(pattern);
  if (isAbsolute(path)) return path;
  return version === 2 && hasWildcard(path) ? join('/', path) : join(dirname(parent), path);
}

function hasWildcard(path: string): boolean {
  return /[*?[]/.test(path);
}

/** Go's filepath.Glob, segment by segment: each wildcard segment matches names in one directory, sorted. */
function expandGlob(pattern: string): string[] {
  let paths = ['/'];
  for (const segment of pattern.split('/').filter(Boolean)) {
    if (!hasWildcard(segment)) {
      paths = paths.map(path => join(path, segment));
      continue;
    }
    const matcher = globSegment(segment);
    paths = paths.flatMap(path => listDir(path).filter(name => matcher.test(name)).sort().map(name => join(path, name)));
  }
  return paths;
}

function globSegment(segment: string): RegExp {
  let source = '';
  for (let index = 0; index < segment.length; index += 1) {
    const char = segment.charAt(index);
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = segment.indexOf(']', index + 1);
      if (end < 0) return /(?!)/; // Go refuses the pattern; match nothing.
      const body = segment.slice(index + 1, end).replace(/^[!^]/, '^').replace(/\\/g, '\\\\');
      source += `[${body}]`;
      index = end;
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
