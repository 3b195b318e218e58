import { parseRuncArgv, type RuncArgv } from './cli/argv.js';
import { describeError, HardrunError } from './errors.js';
import { logError, type LogTarget } from './log/logger.js';
import { makeCall, type Call } from './runtime/call.js';

/**
 * The compiled engine's entry point: the one place that catches, logs the
 * reason the runc way and picks the exit status. Nothing here runs at module
 * load; each command imports only what it uses.
 */
async function main(argv: readonly string[]): Promise<number> {
  // bin/containerd-shim-hardrun-v2 comes in through the launcher with this word first.
  if (argv[0] === 'shim-front') return (await import('./shim/front.js')).runShimFront(argv.slice(1), process.env);
  const parsed = parseRuncArgv(argv);
  if (isHumanCommand(parsed)) {
    return (await import('./human/cli.js')).runHumanCommand(argv);
  }
  const call = makeCall(parsed, process.env);
  logTarget = call.log;
  command = call.argv.command;
  return dispatch(call);
}

async function dispatch(call: Call): Promise<number> {
  switch (call.argv.command) {
    case 'create':
    case 'run':
    case 'restore':
      return (await import('./runtime/create.js')).createContainer(call);
    case 'exec':
      return (await import('./runtime/exec.js')).execInContainer(call);
    default:
      return (await import('./runtime/forward.js')).forwardCall(call);
  }
}

/**
 * hardrun's commands for people. `ps` is runc's when it names a container
 * and has none of the human command's flags (runc's ps has neither).
 */
function isHumanCommand({ command, flags, positionals }: RuncArgv): boolean {
  if (command === 'ps') return positionals.length === 0 || flags.some(flag => flag.name === 'root' || flag.name === 'json');
  return command !== undefined && ['explain', 'check', 'policy', 'setup', 'doctor', 'inspect'].includes(command);
}

let logTarget: LogTarget = { path: undefined, format: undefined };
let command: string | undefined;

main(process.argv.slice(2)).then(
  status => process.exit(status),
  async (error: unknown) => {
    await logError(logTarget, describeError(error));
    // runc exits 1 on failure; an exec that never started exits 255.
    const status = command === 'exec' ? 255 : error instanceof HardrunError ? error.exitCode : 1;
    process.exit(status);
  },
);
