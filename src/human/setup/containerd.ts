import { HardrunError } from '../../errors.js';
import { launcherPath, shimFrontPath } from '../../shim/install-paths.js';
import { sameJson } from './daemon-json.js';
import { dropInLine, handlerTables, lacksDefaultHandler, mergeHandlers, renderSnippet, runcSystemdCgroup, versionForContainerd, type ConfigVersion, type HandlerOptions, type TomlTable } from './containerd-config.js';
import type { LoadedFile } from './containerd-imports.js';
import { removeFromContainerd } from './containerd-remove.js';
import { chooseTarget, type SetupContainerdArgs, type Target } from './containerd-target.js';
import { keepBackup, readOptional, replaceFile } from './files.js';
import { installHostPolicy, policyToInstall, removeHostPolicy } from './host-policy.js';
import { defaultPolicyPath } from '../../policy/load.js';
import { ensureSubidRanges, printDiff } from './subid-files.js';


export const say = (line: string): void => { process.stdout.write(`${line}\n`); };

/**
 * `hardrun setup containerd`: prints the handler configuration, or writes it
 * for a config file: as a drop-in when the file imports a directory of them
 * (see chooseTarget), else merged into the file. Merging keeps the file's
 * text and appends hardrun's tables when they are new (so comments
 * survive), and rewrites the file through a TOML serializer only when older
 * hardrun tables must change. containerd reads its config only at start:
 * the operator restarts it.
 */
export async function setupContainerd(args: SetupContainerdArgs): Promise<number> {
  const toml = await import('smol-toml');
  const text = args.config === undefined ? undefined : readOptional(args.config);
  const current = text === undefined || args.config === undefined ? {} : parseToml(toml, text, args.config);
  const version = await chooseVersion(args, current);
  const options = { launcher: launcherPath(), front: shimFrontPath(), shim: args.shim === true };
  const policy = args.remove === true ? undefined : policyToInstall(args);
  if (args.config === undefined) {
    if (args.remove === true) throw new HardrunError('setup', '--remove needs --config FILE: without one, setup containerd only prints, so there is nothing to take out');
    if (policy !== undefined) throw new HardrunError('setup', '--watch, --learn and --policy need --config FILE: the node\'s policy is installed with its handlers, and --remove takes both out');
    process.stdout.write(renderSnippet(version, options));
    return 0;
  }
  const path = args.config;
  const parse = (source: string, file: string): TomlTable => parseToml(toml, source, file);
  const target = chooseTarget({ path, text: text ?? '', config: current }, version, parse, await mergesKeyByKey(version));
  if (args.remove === true) {
    const status = removeFromContainerd(args, target, version, parse, toml.stringify);
    if (status === 0 && args.dryRun !== true) removeHostPolicy(say, args.hostPolicy);
    return status;
  }
  if (target.kind === 'file' && target.note !== undefined) say(target.note);
  const subuid = args.subuidFile ?? '/etc/subuid';
  const subgid = args.subgidFile ?? '/etc/subgid';
  const change = target.kind === 'drop-in' ? dropInChange(target, version, options, parse) : fileChange(toml, target.file, version, options);
  if (args.dryRun === true) {
    // --dry-run: the changes as diffs; nothing is written.
    if (change.next !== undefined) printDiff(change.path, change.next);
    const hostPolicy = args.hostPolicy ?? defaultPolicyPath;
    if (policy !== undefined && readOptional(hostPolicy) !== policy.text) printDiff(hostPolicy, policy.text);
    ensureSubidRanges(subuid, subgid, () => undefined, printDiff);
    return 0;
  }
  // The policy first: a restarted containerd may start a container through hardrun at once.
  if (policy !== undefined) await installHostPolicy(policy.text, policy.what, say, args.hostPolicy);
  // A node needs hardrun's id range as much as a Docker host does.
  ensureSubidRanges(subuid, subgid, say);
  if (change.next === undefined) {
    say(`${change.path}: hardrun's handlers are already configured; nothing changed`);
    return 0;
  }
  const backup = change.keepBackup ? keepBackup(change.path, readOptional(change.path)) : undefined;
  replaceFile(change.path, change.next);
  const handlers = options.shim ? 'handlers "hardrun" and "hardrun-shim"' : 'handler "hardrun"';
  say(target.kind === 'drop-in'
    ? `${change.path}: wrote the runtime ${handlers} as a drop-in (config version ${version}); ${path} imports ${target.dir} and is left as it is`
    : `${change.path}: configured the runtime ${handlers} (config version ${version})`);
  if (backup !== undefined) say(`${change.path}: the previous file is kept as ${backup}`);
  say('restart containerd to apply it (containerd reads its config only at start)');
  return 0;
}

/** One file's new text (undefined: already as wanted). */
interface Change {
  readonly path: string;
  readonly next: string | undefined;
  readonly keepBackup: boolean;
}

function fileChange(toml: Toml, file: LoadedFile, version: ConfigVersion, options: HandlerOptions): Change {
  const systemdCgroup = runcSystemdCgroup(file.config, version);
  const wanted = { ...options, ...(systemdCgroup === undefined ? {} : { systemdCgroup }), defaultHandler: lacksDefaultHandler(file.config, version) };
  const merged = mergeHandlers(file.config, version, handlerTables(wanted));
  const next = sameJson(merged, file.config) ? undefined : appendOrRewrite(toml, file.text, merged, renderSnippet(version, wanted));
  return { path: file.path, next, keepBackup: true };
}

/**
 * The drop-in alone is a whole, valid config of the main file's version
 * (containerd 2.x refuses a drop-in of a higher version, and migrates one
 * without a version as version 1). Whether it needs the default runc
 * handler, and the runc handler's cgroup driver, come from what containerd
 * loads from the other files.
 */
function dropInChange(target: Extract<Target, { kind: 'drop-in' }>, version: ConfigVersion, options: HandlerOptions, parse: (text: string, path: string) => TomlTable): Change {
  const systemdCgroup = runcSystemdCgroup(target.others, version);
  const wanted = { ...options, ...(systemdCgroup === undefined ? {} : { systemdCgroup }), defaultHandler: lacksDefaultHandler(target.others, version), dropIn: true };
  const next = renderSnippet(version, wanted);
  const existing = readOptional(target.path);
  const same = existing !== undefined && sameJson(parse(existing, target.path), parse(next, target.path));
  // A hardrun.toml that hardrun did not write is kept as a backup, for --remove to put back.
  return { path: target.path, next: same ? undefined : next, keepBackup: existing !== undefined && !existing.includes(dropInLine) };
}

type Toml = typeof import('smol-toml');

function appendOrRewrite(toml: Toml, text: string, merged: TomlTable, snippet: string): string {
  // The snippet's own `version` line would clash with the file's.
  const tables = snippet.split('\n').filter(line => !/^version\s*=/.test(line)).join('\n');
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  const head = text.trim() === '' ? '' : `${text}${separator}\n`;
  const appended = text.trim() === '' ? snippet : `${head}${tables}`;
  try {
    if (sameJson(toml.parse(appended), merged)) return appended;
  } catch {
    // A table of the same name already exists: rewrite the whole file instead.
  }
  return toml.stringify(merged);
}

/**
 * The config version: the file's `version` key, else `--version`, else the
 * installed containerd's. A file with settings but no `version` key is what
 * containerd reads as version 1. Anything but 2 or 3 is refused before a
 * file is written.
 */
async function chooseVersion(args: SetupContainerdArgs, current: TomlTable): Promise<ConfigVersion> {
  const fileVersion = current['version'];
  const given = args.version;
  const supported = 'hardrun supports config versions 2 (containerd 1.x) and 3 (containerd 2.x)';
  const migrate = ' (migrate the file first with "containerd config migrate")';
  if (given !== undefined && given !== 2 && given !== 3) throw new HardrunError('setup', `--version ${given} is not a config version hardrun knows: ${supported}; nothing was written`);
  if (fileVersion === undefined && Object.keys(current).length > 0) {
    throw new HardrunError('setup', `${args.config} has no "version" key, which containerd reads as config version 1: ${supported}${migrate}; nothing was written`);
  }
  if (fileVersion !== undefined && fileVersion !== 2 && fileVersion !== 3) {
    const shown = typeof fileVersion === 'number' ? String(fileVersion) : `${JSON.stringify(fileVersion)} (a ${typeof fileVersion}, not a number)`;
    throw new HardrunError('setup', `${args.config} has config version ${shown}: ${supported}${fileVersion === 1 ? migrate : ''}; nothing was written`);
  }
  if (given !== undefined && fileVersion !== undefined && fileVersion !== given) {
    throw new HardrunError('setup', `${args.config} has config version ${fileVersion}, but --version asks for ${given}: drop --version, or migrate the file first; nothing was written`);
  }
  if (fileVersion === 2 || fileVersion === 3) return fileVersion;
  if (given !== undefined) return given;
  return (await installedContainerdVersion()) ?? 2;
}

/** containerd 2.x merges its config files' plugin tables key by key, whatever their version; 1.x takes each whole. */
async function mergesKeyByKey(version: ConfigVersion): Promise<boolean> {
  return version === 3 || (await installedContainerdVersion()) === 3;
}

async function installedContainerdVersion(): Promise<ConfigVersion | undefined> {
  const { execa } = await import('execa');
  const result = await execa('containerd', ['--version'], { reject: false, timeout: 5_000, env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' } });
  return result.exitCode === 0 ? versionForContainerd(result.stdout) : undefined;
}

function parseToml(toml: Toml, text: string, path: string): TomlTable {
  try {
    return toml.parse(text);
  } catch (error) {
    throw new HardrunError('setup', `${path} is not valid TOML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}
