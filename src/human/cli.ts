import yargs, { type Argv, type CommandModule } from 'yargs';

/** A usage error: the command line is wrong, so nothing may run. */
class UsageError extends Error {
  constructor(message: string, readonly usage: string) {
    super(message);
  }
}

/** A bare "-" on the command line, as the commands receive it. */
export const standardInputArg = '/dev/stdin';

/** Usage errors exit 2, as getopt-style tools do, with nothing changed. */
const usageStatus = 2;

/**
 * Runs one of hardrun's commands for people and returns its exit status.
 * yargs is loaded only here (never on a runtime call), and each command's
 * implementation only when that command runs.
 */
export async function runHumanCommand(argv: readonly string[]): Promise<number> {
  const [{ policyCommands }, { operateCommands }] = await Promise.all([import('./policy-commands.js'), import('./operate-commands.js')]);
  let status = 0;
  // yargs-parser drops a bare "-" (it reads it as a short flag with no
  // letter); `report -` means standard input, as it does to Unix tools.
  let cli: Argv = yargs(argv.map(arg => (arg === '-' ? standardInputArg : arg)))
    .scriptName('hardrun')
    .usage('$0 <command>\n\nDocker and containerd call hardrun as they call runc; these commands are for people.')
    .option('policy', { type: 'string', describe: 'policy file (default: $HARDRUN_POLICY, else /etc/hardrun/policy.yaml, else built-in)' });
  for (const command of [...policyCommands, ...operateCommands]) {
    const { run, ...module } = command;
    cli = cli.command({ ...module, handler: async args => { status = await run(args); } } as CommandModule);
  }
  try {
    await cli
      .demandCommand(1)
      .strict()
      .help()
      .version(false)
      .epilogue(runcEpilogue)
      // yargs calls the handler even after a usage error unless this throws.
      .fail((message, error: Error | null | undefined, current) => {
        if (error !== undefined && error !== null) throw error;
        throw new UsageError(message, usageOf(current));
      })
      .parseAsync();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`hardrun: ${error.message}\n\n${error.usage}\n`);
    return usageStatus;
  }
  return status;
}

/** What `hardrun --help` ends with: the rest of the command line is the backend's. */
export const runcEpilogue = 'Every other command (create, run, start, state, kill, delete, exec, ps ID, pause, resume, update, events, list, features, checkpoint, restore, spec) is runc\'s: hardrun hardens the spec and hands the call to the backend its policy chooses. "hardrun COMMAND --help" shows the backend\'s help for it; "hardrun --version" shows hardrun\'s version, then the backend\'s.';

/** The help of the command that failed (yargs hands the failing command's instance to fail()). */
function usageOf(current: Argv): string {
  let text = '';
  current.showHelp(output => { text = output; });
  return text;
}
