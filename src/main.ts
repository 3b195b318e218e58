import { flagIsSet, parseRuncArgv, type RuncArgv } from './cli/argv.js';
import { describeError, HardrunError } from './errors.js';
import { logError, printError, type LogTarget } from './log/logger.js';
import { makeCall, type Call } from './runtime/call.js';
import { createContainer } from './runtime/create.js';

/**
 * The compiled engine's entry point: the one place that catches, logs the
 * reason the runc way and picks the exit status. Nothing here runs at module
 * load; each command imports only what it uses. The one exception is the
 * front of every create (src/runtime/create.ts, a few small modules): most
 * of the engine's calls are creates, and in the entry chunk it splits the
 * modules a create loads into fewer chunks (docs/performance.md).
 */
async function main(argv: readonly string[]): Promise<number> {
  // bin/containerd-shim-hardrun-v2 comes in through the launcher with this word first.
  if (argv[0] === 'shim-front') {
    logTarget = undefined; // containerd shows a shim's stderr as it is.
    return (await import('./shim/front.js')).runShimFront(argv.slice(1), process.env);
  }
  const parsed = parseRuncArgv(argv);
  const human = humanArgv(parsed, argv);
  if (human !== undefined) {
    // A person reads the error of a command for people: the sentence alone, not runc's log line.
    logTarget = undefined;
    return (await import('./human/cli.js')).runHumanCommand(human);
  }
  const call = makeCall(parsed, process.env);
  logTarget = call.log;
  command = call.argv.command;
  return dispatch(call);
}

async function dispatch(call: Call): Promise<number> {
  if (call.argv.command === undefined) return (await import('./runtime/version.js')).printVersion(call);
  // `COMMAND -h` prints the backend's help and touches nothing.
  if (flagIsSet(call.argv.flags, 'help')) return (await import('./runtime/forward.js')).forwardHelp(call);
  switch (call.argv.command) {
    case 'create':
    case 'run':
    case 'restore':
      return createContainer(call);
    case 'exec':
      return (await import('./runtime/exec.js')).execInContainer(call);
    default:
      return (await import('./runtime/forward.js')).forwardCall(call);
  }
}

const humanCommands = ['explain', 'check', 'policy', 'suggest', 'report', 'setup', 'doctor', 'inspect', 'ps'];

/**
 * The argv for hardrun's commands for people, or undefined for a runtime
 * call. `ps` is runc's when it names a container and has none of the human
 * command's flags (runc's ps has neither). hardrun's help answers `hardrun`,
 * `hardrun --help` and `hardrun help [a human command]`; `--version` and
 * `help COMMAND` for runc's commands are the backend's.
 */
function humanArgv({ globals, command, flags, positionals }: RuncArgv, argv: readonly string[]): readonly string[] | undefined {
  if (command === undefined) return flagIsSet(globals, 'version') ? undefined : ['--help'];
  if (command === 'help') {
    const topic = positionals[0];
    if (topic === undefined) return ['--help'];
    return humanCommands.includes(topic) ? [topic, '--help'] : undefined;
  }
  if (command === 'ps') return positionals.length === 0 || flags.some(flag => flag.name === 'root' || flag.name === 'json') ? argv : undefined;
  return humanCommands.includes(command) ? argv : undefined;
}

/**
 * runc exits 1 on failure. Its exec exits 255 once the command line is
 * accepted (no such container, a bad process file, a refused process), but
 * 1 on a usage error (a missing id, an unknown flag), as urfave/cli does.
 */
function exitStatusFor(error: unknown): number {
  const usage = error instanceof HardrunError && error.code === 'argv';
  if (command === 'exec' && !usage) return 255;
  return error instanceof HardrunError ? error.exitCode : 1;
}

/** Where a runtime call's error goes, as runc writes it; undefined for hardrun's commands for people. */
let logTarget: LogTarget | undefined = { path: undefined, format: undefined };
let command: string | undefined;

main(process.argv.slice(2)).then(
  status => process.exit(status),
  (error: unknown) => {
    if (logTarget === undefined) printError(describeError(error));
    else logError(logTarget, describeError(error));
    const status = exitStatusFor(error);
    process.exit(status);
  },
);
