/**
 * containerd's runtime-handler configuration for hardrun, as plain values
 * and as the text `setup containerd` prints. The shapes follow containerd's
 * CRI config (docs/cri/config.md): config version 2 (containerd 1.x) keeps
 * runtimes under the `io.containerd.grpc.v1.cri` plugin, version 3
 * (containerd 2.x) under `io.containerd.cri.v1.runtime`.
 */
export type ConfigVersion = 2 | 3;
export type TomlTable = Record<string, unknown>;

export const criPlugins: Record<ConfigVersion, string> = { 2: 'io.containerd.grpc.v1.cri', 3: 'io.containerd.cri.v1.runtime' };

/** containerd's own default handler, which a config naming any runtime must name too. */
export const defaultRuncHandler: TomlTable = { runtime_type: 'io.containerd.runc.v2' };

/** The handler through containerd's own runc shim, and the one through hardrun's shim front. */
export const handlerNames = { runcShim: 'hardrun', front: 'hardrun-shim' } as const;

export interface HandlerOptions {
  readonly launcher: string;
  readonly front: string;
  /** Also the handler through hardrun's shim front (which can reach Kata). */
  readonly shim: boolean;
  /** Copied from the file's runc handler when merging: the kubelet's cgroup driver must match. */
  readonly systemdCgroup?: boolean;
  /** Render containerd's default runc handler too (merging into a file that lacks it). */
  readonly defaultHandler?: boolean;
}

export function handlerTables(options: HandlerOptions): Record<string, TomlTable> {
  const tables: Record<string, TomlTable> = {
    [handlerNames.runcShim]: {
      runtime_type: 'io.containerd.runc.v2',
      options: { BinaryName: options.launcher, ...(options.systemdCgroup === undefined ? {} : { SystemdCgroup: options.systemdCgroup }) },
    },
  };
  // No `options` for the front: CRI decodes options by runtime_type, and the
  // shim behind the front (runc's or Kata's) would get a type it cannot read.
  if (options.shim) tables[handlerNames.front] = { runtime_type: 'io.containerd.hardrun.v2', runtime_path: options.front };
  return tables;
}

/** The second line of the snippet: printed, it says how to use it; as a drop-in, how to take it out. */
const usageLine = '# Merge into /etc/containerd/config.toml (or run: hardrun setup containerd --config FILE), then restart containerd.';
export const dropInLine = '# Written by "hardrun setup containerd"; "hardrun setup containerd --config FILE --remove" takes it out again.';

/** The text `setup containerd` prints: a whole config to start from, or to merge by hand (or, with `dropIn`, the drop-in file it writes). */
export function renderSnippet(version: ConfigVersion, options: HandlerOptions & { readonly dropIn?: boolean }): string {
  const base = `plugins.${quote(criPlugins[version])}.containerd.runtimes`;
  const lines = [
    `# hardrun's runtime handlers for containerd ${version === 2 ? '1.x' : '2.x'} (config version ${version}).`,
    options.dropIn === true ? dropInLine : usageLine,
    `version = ${version}`,
    '',
    '# A config that names any runtime must also name containerd\'s default one, or the CRI plugin',
    '# refuses to load ("no corresponding runtime configured ... default_runtime_name").',
    ...(options.defaultHandler === true
      ? [`[${base}.runc]`, '  runtime_type = "io.containerd.runc.v2"']
      : ['# If yours has none:', `# [${base}.runc]`, '#   runtime_type = "io.containerd.runc.v2"']),
    '',
    `# RuntimeClass handler "${handlerNames.runcShim}": containerd's runc shim, with hardrun as its runc.`,
    '# Add SystemdCgroup = true under its options if the kubelet uses the systemd cgroup driver.',
    `[${base}.${handlerNames.runcShim}]`,
    '  runtime_type = "io.containerd.runc.v2"',
    `  [${base}.${handlerNames.runcShim}.options]`,
    `    BinaryName = ${quote(options.launcher)}`,
    ...(options.systemdCgroup === undefined ? [] : [`    SystemdCgroup = ${options.systemdCgroup}`]),
  ];
  if (options.shim) {
    lines.push(
      '',
      `# RuntimeClass handler "${handlerNames.front}": hardrun's shim front, which picks runc's shim or Kata's by policy.`,
      '# It takes no options: the shim behind it could not decode them. containerd up to 1.6.20 and 1.7.0',
      '# ignores runtime_path and looks for containerd-shim-hardrun-v2 on its PATH instead: there, also',
      `#   ln -s ${options.front} /usr/local/bin/containerd-shim-hardrun-v2`,
      `[${base}.${handlerNames.front}]`,
      '  runtime_type = "io.containerd.hardrun.v2"',
      `  runtime_path = ${quote(options.front)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The config with hardrun's handlers set (replacing older ones of the same names). */
export function mergeHandlers(config: TomlTable, version: ConfigVersion, tables: Record<string, TomlTable>): TomlTable {
  const plugins = table(config['plugins']);
  const cri = table(plugins[criPlugins[version]]);
  const containerd = table(cri['containerd']);
  const existing = table(containerd['runtimes']);
  // Naming any runtime replaces containerd's built-in map, and CRI then
  // refuses to load when the default handler ("runc") is not in it.
  const defaultName = containerd['default_runtime_name'] ?? 'runc';
  const runc = defaultName === 'runc' && existing['runc'] === undefined ? { runc: defaultRuncHandler } : {};
  const runtimes = { ...existing, ...runc, ...tables };
  return {
    ...config,
    version: config['version'] ?? version,
    plugins: { ...plugins, [criPlugins[version]]: { ...cri, containerd: { ...containerd, runtimes } } },
  };
}

/**
 * The config without hardrun's handlers: the inverse of mergeHandlers.
 * containerd's default runc handler goes too when `runcIsHardruns` (setup
 * added it) and no other handler is left that needs it; tables left empty
 * by the removal are dropped, as they were absent before setup.
 */
export function removeHandlers(config: TomlTable, version: ConfigVersion, runcIsHardruns: boolean): TomlTable {
  const plugins = table(config['plugins']);
  const cri = table(plugins[criPlugins[version]]);
  const containerd = table(cri['containerd']);
  const runtimes: TomlTable = { ...table(containerd['runtimes']) };
  for (const name of Object.values(handlerNames)) delete runtimes[name];
  if (runcIsHardruns && Object.keys(runtimes).length === 1 && isDefaultRuncHandler(runtimes['runc'])) delete runtimes['runc'];
  const nextContainerd = withOrWithout(containerd, 'runtimes', runtimes);
  const nextCri = withOrWithout(cri, 'containerd', nextContainerd);
  const nextPlugins = withOrWithout(plugins, criPlugins[version], nextCri);
  return withOrWithout(config, 'plugins', nextPlugins);
}

/** Whether a handler is exactly the default runc one setup adds. */
export function isDefaultRuncHandler(value: unknown): boolean {
  const handler = table(value);
  return Object.keys(handler).length === 1 && handler['runtime_type'] === defaultRuncHandler['runtime_type'];
}

/** Whether hardrun's handlers are in this config at all. */
export function hasHandlers(config: TomlTable, version: ConfigVersion): boolean {
  const runtimes = table(table(table(table(config['plugins'])[criPlugins[version]])['containerd'])['runtimes']);
  return Object.values(handlerNames).some(name => runtimes[name] !== undefined);
}

/**
 * What containerd makes of a main config and its imports, loaded in order.
 * containerd 1.x (version 2) takes each plugin's section whole from the
 * last file that has one; 2.x (version 3) merges plugin tables key by key.
 * Top-level keys other than `plugins` are merged key by key in both.
 */
export function mergeLoaded(configs: readonly TomlTable[], version: ConfigVersion): TomlTable {
  let merged: TomlTable = {};
  for (const config of configs) {
    const plugins = table(config['plugins']);
    const next = deepMerge(merged, { ...config, plugins: {} });
    next['plugins'] = version === 2 ? { ...table(merged['plugins']), ...plugins } : deepMerge(table(merged['plugins']), plugins);
    merged = next;
  }
  return merged;
}

/** Which plugin section holds CRI's runtimes in this version. */
export function hasCriSection(config: TomlTable, version: ConfigVersion): boolean {
  return table(config['plugins'])[criPlugins[version]] !== undefined;
}

function deepMerge(into: TomlTable, from: TomlTable): TomlTable {
  const out: TomlTable = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const old = out[key];
    out[key] = isTable(old) && isTable(value) ? deepMerge(old, value) : value;
  }
  return out;
}

function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function withOrWithout(parent: TomlTable, key: string, child: TomlTable): TomlTable {
  const next = { ...parent };
  if (Object.keys(child).length === 0 && parent[key] !== undefined) delete next[key];
  else if (parent[key] !== undefined) next[key] = child;
  return next;
}

/** Whether merging must add containerd's default handler (see mergeHandlers). */
export function lacksDefaultHandler(config: TomlTable, version: ConfigVersion): boolean {
  const containerd = table(table(table(config['plugins'])[criPlugins[version]])['containerd']);
  return (containerd['default_runtime_name'] ?? 'runc') === 'runc' && table(containerd['runtimes'])['runc'] === undefined;
}

/** The runc handler's SystemdCgroup, which hardrun's handler should share. */
export function runcSystemdCgroup(config: TomlTable, version: ConfigVersion): boolean | undefined {
  const options = table(table(table(table(table(config['plugins'])[criPlugins[version]])['containerd'])['runtimes'])['runc'])['options'];
  const value = table(options)['SystemdCgroup'];
  return typeof value === 'boolean' ? value : undefined;
}

/** containerd 2.x reads version 3; 1.x reads version 2. */
export function versionForContainerd(versionText: string): ConfigVersion | undefined {
  const match = /\s+v?(\d+)\.\d+/.exec(versionText);
  if (match === null) return undefined;
  return Number(match[1]) >= 2 ? 3 : 2;
}

function table(value: unknown): TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as TomlTable : {};
}

function quote(text: string): string {
  return JSON.stringify(text);
}
