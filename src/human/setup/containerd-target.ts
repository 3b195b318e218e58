import { dirname } from 'node:path';
import { criPlugins, hasCriSection, mergeLoaded, type ConfigVersion, type TomlTable } from './containerd-config.js';
import { dropInPath, loadImports, type LoadedFile } from './containerd-imports.js';
import type { HostPolicyArgs } from './host-policy.js';

/** `hardrun setup containerd`'s options. */
export interface SetupContainerdArgs extends HostPolicyArgs {
  readonly config?: string;
  readonly version?: number;
  readonly shim?: boolean;
  readonly subuidFile?: string;
  readonly subgidFile?: string;
  readonly dryRun?: boolean;
  readonly remove?: boolean;
}

/** Which file hardrun's handlers go into, and what containerd sees of the others. */
export type Target =
  | { readonly kind: 'file'; readonly file: LoadedFile; readonly note?: string }
  | { readonly kind: 'drop-in'; readonly path: string; readonly dir: string; readonly others: TomlTable };

/**
 * The file to edit. A drop-in `hardrun.toml` when the main config imports a
 * directory of them, so the operator's file stays as it is. Except on
 * containerd 1.x when another loaded file already configures the CRI
 * plugin: 1.x takes each plugin's section whole from the last file that has
 * one, so a drop-in holding only hardrun's handlers would wipe those
 * settings. There (and with no drop-in directory on 1.x) the handlers go
 * into that last file, the one whose CRI section containerd uses.
 * containerd 2.x merges plugin tables key by key whatever the files'
 * version (a version 2 file included: tried with 2.1.9, whose `config dump`
 * keeps the main file's CRI settings beside a version 2 drop-in's handler),
 * so `mergesKeyByKey` is true for a version 3 file and for any file of a
 * host whose containerd is 2.x.
 */
export function chooseTarget(main: LoadedFile, version: ConfigVersion, parse: (text: string, path: string) => TomlTable, mergesKeyByKey = version === 3): Target {
  const dropIn = dropInPath(main.path, main.config['imports'], version);
  const loaded = [main, ...loadImports(main, version, parse).filter(file => file.path !== dropIn)];
  const holders = loaded.filter(file => hasCriSection(file.config, version));
  const lastHolder = holders.at(-1);
  if (dropIn !== undefined && (mergesKeyByKey || lastHolder === undefined)) {
    return { kind: 'drop-in', path: dropIn, dir: dirname(dropIn), others: mergeLoaded(loaded.map(file => file.config), version) };
  }
  if (version === 2 && lastHolder !== undefined && lastHolder !== main) {
    return { kind: 'file', file: lastHolder, note: `${lastHolder.path} holds the CRI plugin's settings that containerd 1.x uses (it takes [plugins.${JSON.stringify(criPlugins[2])}] whole from the last file that has it), so hardrun's handlers go there` };
  }
  if (dropIn !== undefined) {
    return { kind: 'file', file: main, note: `not writing a drop-in in ${dirname(dropIn)}: containerd 1.x takes [plugins.${JSON.stringify(criPlugins[2])}] whole from the last file that has it, so a drop-in would wipe the CRI settings in ${main.path}` };
  }
  return { kind: 'file', file: main };
}
