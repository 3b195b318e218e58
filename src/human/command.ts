import type { CommandModule } from 'yargs';

/** A command for people: its yargs description, and the status its handler returns. */
export type HumanCommand = Omit<CommandModule, 'handler'> & {
  readonly run: (args: Record<string, unknown>) => Promise<number>;
};
