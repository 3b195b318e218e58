import { sameJson } from './daemon-json.js';
import { criPlugins, dropInLine, handlerNames, hasHandlers, removeHandlers, renderSnippet, type ConfigVersion, type TomlTable } from './containerd-config.js';
import type { SetupContainerdArgs, Target } from './containerd-target.js';
import { readOptional, removeFile, replaceFile } from './files.js';
import { keptSubidRangeLine, printDiff, printRemoval } from './subid-files.js';
import { headerPath, removeTables } from './toml-sections.js';

type Parse = (text: string, path: string) => TomlTable;
const say = (line: string): void => { process.stdout.write(`${line}\n`); };

/** What --remove does to one file: write this text, or delete the file. */
type Undo = { readonly path: string; readonly next: string | undefined; readonly backup?: string; readonly why: string };

/**
 * `setup containerd --remove`: takes out what setup put in, and nothing
 * else. The drop-in hardrun wrote is deleted (or the file it replaced put
 * back). In a merged file, the backup setup kept is restored byte for byte
 * when nothing but hardrun's handlers changed since; otherwise only
 * hardrun's tables and comments are cut out of the text. A second run
 * finds nothing to take out and changes nothing. The subordinate id range
 * stays (see keptSubidRangeLine).
 */
export function removeFromContainerd(args: SetupContainerdArgs, target: Target, version: ConfigVersion, parse: Parse, stringify: (value: TomlTable) => string): number {
  const undo = target.kind === 'drop-in' ? undoDropIn(target.path) : undoMerge(target.file.path, target.file.text, target.file.config, version, parse, stringify);
  if (undo === undefined) {
    say(`${target.kind === 'drop-in' ? target.path : target.file.path}: hardrun's handlers are not configured; nothing changed`);
    return 0;
  }
  if (args.dryRun === true) {
    if (undo.next === undefined) printRemoval(undo.path);
    else printDiff(undo.path, undo.next);
    return 0;
  }
  if (undo.next === undefined) removeFile(undo.path);
  else replaceFile(undo.path, undo.next);
  if (undo.backup !== undefined) removeFile(undo.backup);
  say(`${undo.path}: ${undo.why}`);
  say(keptSubidRangeLine(args.subuidFile ?? '/etc/subuid', args.subgidFile ?? '/etc/subgid'));
  say('restart containerd to apply it (containerd reads its config only at start)');
  return 0;
}

function undoDropIn(path: string): Undo | undefined {
  const text = readOptional(path);
  if (text === undefined) return undefined;
  const backupPath = `${path}.hardrun-backup`;
  const backup = readOptional(backupPath);
  if (backup !== undefined) return { path, next: backup, backup: backupPath, why: `put back the file hardrun's drop-in replaced, from ${backupPath}` };
  if (!text.includes(dropInLine)) return undefined; // Not hardrun's: someone else's file of that name.
  return { path, next: undefined, why: 'removed hardrun\'s drop-in' };
}

function undoMerge(path: string, text: string, config: TomlTable, version: ConfigVersion, parse: Parse, stringify: (value: TomlTable) => string): Undo | undefined {
  if (!hasHandlers(config, version)) return undefined;
  const backupPath = `${path}.hardrun-backup`;
  const backupText = readOptional(backupPath);
  const backup = backupText === undefined ? undefined : parse(backupText, backupPath);
  const runcIsHardruns = backup === undefined ? addedRuncBySetup(text) : !hasRunc(backup, version);
  const removed = removeHandlers(config, version, runcIsHardruns);
  // Setup adds a `version` line to a file that had none (an empty one).
  const comparable = backup?.['version'] === undefined ? withoutVersion(removed) : removed;
  if (backup !== undefined && sameJson(backup, comparable)) {
    return { path, next: backupText, backup: backupPath, why: `restored from ${backupPath}, byte for byte` };
  }
  // No backup: the file did not exist before setup. What is left is only the version line.
  if (backup === undefined && Object.keys(removed).every(key => key === 'version')) {
    return { path, next: undefined, why: 'removed the file: setup created it, and nothing but hardrun\'s handlers is in it' };
  }
  const dropsRunc = hasRunc(config, version) && !hasRunc(removed, version);
  const cut = removeTables(text, keys => isHardrunTable(keys, version, dropsRunc), line => isSnippetComment(line));
  let kept: string;
  try {
    kept = sameJson(parse(cut, path), removed) ? cut : stringify(removed);
  } catch {
    kept = stringify(removed);
  }
  const how = kept === cut ? 'every other line is kept as it is' : 'the file was rewritten from its parsed values, which drops its comments';
  return { path, next: kept, ...(backup === undefined ? {} : { backup: backupPath }), why: `other settings changed since setup, so only hardrun's handlers were taken out (${how})` };
}

function isHardrunTable(keys: readonly string[], version: ConfigVersion, dropsRunc: boolean): boolean {
  const [plugins, cri, containerd, runtimes, name] = keys;
  if (name === undefined || plugins !== 'plugins' || cri !== criPlugins[version] || containerd !== 'containerd' || runtimes !== 'runtimes') return false;
  return (Object.values(handlerNames) as string[]).includes(name) || (dropsRunc && name === 'runc');
}

/** The comment lines setup writes: any line of a snippet of either version, with or without the shim. */
const snippetComments = new Set<string>();
function isSnippetComment(line: string): boolean {
  if (snippetComments.size === 0) {
    for (const version of [2, 3] as const) {
      for (const [defaultHandler, dropIn] of [[true, false], [false, false], [true, true], [false, true]] as const) {
        const text = renderSnippet(version, { launcher: '', front: '', shim: true, defaultHandler, dropIn });
        for (const each of text.split('\n')) if (each.startsWith('#')) snippetComments.add(each);
      }
    }
  }
  // The symlink hint names wherever the front was installed.
  return snippetComments.has(line) || /^# {3}ln -s \S+ \/usr\/local\/bin\/containerd-shim-hardrun-v2$/.test(line);
}

/** Without a backup: setup added the runc handler when its table follows hardrun's comment on why. */
function addedRuncBySetup(text: string): boolean {
  const lines = text.split('\n');
  return lines.some((line, index) => line.startsWith('# refuses to load') && headerPath(lines[index + 1] ?? '')?.at(-1) === 'runc');
}

function withoutVersion(config: TomlTable): TomlTable {
  const { version: _version, ...rest } = config;
  return rest;
}

function hasRunc(config: TomlTable, version: ConfigVersion): boolean {
  const plugins = config['plugins'] as Record<string, { containerd?: { runtimes?: Record<string, unknown> } }> | undefined;
  return plugins?.[criPlugins[version]]?.containerd?.runtimes?.['runc'] !== undefined;
}
