import { HardrunError } from '../../errors.js';
import { launcherPath, shimFrontPath } from '../../shim/install-paths.js';
import { sameJson } from './daemon-json.js';
import { handlerTables, lacksDefaultHandler, mergeHandlers, renderSnippet, runcSystemdCgroup, versionForContainerd, type ConfigVersion, type TomlTable } from './containerd-config.js';
import { keepBackup, readOptional, replaceFile } from './files.js';
import { ensureSubidRanges, printDiff } from './subid-files.js';

export interface SetupContainerdArgs {
  readonly config?: string;
  readonly version?: number;
  readonly shim?: boolean;
  readonly subuidFile?: string;
  readonly subgidFile?: string;
  readonly dryRun?: boolean;
}

const say = (line: string): void => { process.stdout.write(`${line}\n`); };

/**
 * `hardrun setup containerd`: prints the handler configuration, or merges
 * it into a config file. Merging keeps the file's text and appends hardrun's
 * tables when they are new (so comments survive), and rewrites the file
 * through a TOML serializer only when older hardrun tables must change.
 * containerd reads its config only at start: the operator restarts it.
 */
export async function setupContainerd(args: SetupContainerdArgs): Promise<number> {
  const toml = await import('smol-toml');
  const text = args.config === undefined ? undefined : readOptional(args.config);
  const current = text === undefined || args.config === undefined ? {} : parseToml(toml, text, args.config);
  const version = await chooseVersion(args, current);
  const options = { launcher: launcherPath(), front: shimFrontPath(), shim: args.shim === true };
  if (args.config === undefined) {
    process.stdout.write(renderSnippet(version, options));
    return 0;
  }
  const path = args.config;
  const systemdCgroup = runcSystemdCgroup(current, version);
  const wanted = { ...options, ...(systemdCgroup === undefined ? {} : { systemdCgroup }), defaultHandler: lacksDefaultHandler(current, version) };
  const merged = mergeHandlers(current, version, handlerTables(wanted));
  if (args.dryRun === true) {
    // --dry-run: the changes as diffs; nothing is written.
    if (!sameJson(merged, current)) printDiff(path, appendOrRewrite(toml, text ?? '', merged, renderSnippet(version, wanted)));
    ensureSubidRanges(args.subuidFile ?? '/etc/subuid', args.subgidFile ?? '/etc/subgid', () => undefined, printDiff);
    return 0;
  }
  // A node needs hardrun's id range as much as a Docker host does.
  ensureSubidRanges(args.subuidFile ?? '/etc/subuid', args.subgidFile ?? '/etc/subgid', say);
  if (sameJson(merged, current)) {
    say(`${path}: hardrun's handlers are already configured; nothing changed`);
    return 0;
  }
  const next = appendOrRewrite(toml, text ?? '', merged, renderSnippet(version, wanted));
  const backup = keepBackup(path, text);
  replaceFile(path, next);
  say(`${path}: configured the runtime handler${options.shim ? 's "hardrun" and "hardrun-shim"' : ' "hardrun"'} (config version ${version})`);
  if (backup !== undefined) say(`${path}: the previous file is kept as ${backup}`);
  say('restart containerd to apply it (containerd reads its config only at start)');
  return 0;
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

async function chooseVersion(args: SetupContainerdArgs, current: TomlTable): Promise<ConfigVersion> {
  const fileVersion = current['version'];
  const given = args.version;
  if (given !== undefined && given !== 2 && given !== 3) throw new HardrunError('setup', `--version must be 2 (containerd 1.x) or 3 (containerd 2.x), not ${given}`);
  if (Object.keys(current).length > 0 && fileVersion === undefined) {
    throw new HardrunError('setup', `${args.config} is a version 1 config (it has no "version" key): migrate it first with "containerd config migrate"`);
  }
  if (given !== undefined && fileVersion !== undefined && Number(fileVersion) !== given) {
    throw new HardrunError('setup', `${args.config} is config version ${JSON.stringify(fileVersion)}, not ${given}`);
  }
  if (given !== undefined) return given;
  if (fileVersion === 2 || fileVersion === 3) return fileVersion;
  if (fileVersion !== undefined) throw new HardrunError('setup', `${args.config} has config version ${JSON.stringify(fileVersion)}; hardrun knows versions 2 and 3`);
  return (await installedContainerdVersion()) ?? 2;
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
