import yargs, { type Argv, type CommandModule } from 'yargs';


/** A command for people: its yargs description, and the status its handler returns. */
export type HumanCommand = Omit<CommandModule, 'handler'> & {
  readonly run: (args: Record<string, unknown>) => Promise<number>;
};

/**
 * Runs one of hardrun's commands for people and returns its exit status.
 * yargs is loaded only here (never on a runtime call), and each command's
 * implementation only when that command runs.
 */
export async function runHumanCommand(argv: readonly string[]): Promise<number> {
  const [{ policyCommands }, { operateCommands }] = await Promise.all([import('./policy-commands.js'), import('./operate-commands.js')]);
  let status = 0;
  let cli: Argv = yargs([...argv])
    .scriptName('hardrun')
    .usage('$0 <command>\n\nDocker and containerd call hardrun as they call runc; these commands are for people.')
    .option('policy', { type: 'string', describe: 'policy file (default: $HARDRUN_POLICY, else /etc/hardrun/policy.yaml, else built-in)' });
  for (const command of [...policyCommands, ...operateCommands]) {
    const { run, ...module } = command;
    cli = cli.command({ ...module, handler: async args => { status = await run(args); } } as CommandModule);
  }
  await cli
    .demandCommand(1)
    .strict()
    .help()
    .version(false)
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      process.stderr.write(`${message}\nRun "hardrun --help" for the commands.\n`);
      status = 2;
    })
    .parseAsync();
  return status;
}
