import { buildEnv, runTool } from './run-tool.js';

export interface CommandHelp {
  /** The command word, as typed after `hardrun`. */
  readonly name: string;
  /** What `hardrun NAME --help` prints. */
  readonly text: string;
}

export interface HelpText {
  /** What `hardrun --help` prints. */
  readonly overview: string;
  readonly commands: readonly CommandHelp[];
}

/**
 * Asks a built engine for its help: the overview, then each of hardrun's
 * own commands that the overview lists. The man page is made of this text,
 * so it says what the command line says. The engine runs with nothing of the
 * builder's environment (yargs would translate its help by LANG) and in an
 * empty directory.
 */
export function collectHelp(engine: string, emptyDir: string): HelpText {
  const help = (...args: string[]): string => runTool(engine, [...args, '--help'], { cwd: emptyDir, env: buildEnv });
  const overview = help();
  const commands = listCommands(overview).map(name => ({ name, text: help(name) }));
  if (commands.length === 0) throw new Error(`${engine} --help lists no commands`);
  return { overview, commands };
}

/** The command words of the overview's "Commands:" list (`  hardrun explain   ...`). */
export function listCommands(overview: string): string[] {
  const section = overview.split(/^Commands:$/m)[1]?.split(/^\S/m)[0] ?? '';
  return [...section.matchAll(/^ {2}hardrun ([a-z][a-z-]*)/gm)].map(match => match[1] ?? '');
}
