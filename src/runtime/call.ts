import { isAbsolute, resolve } from 'node:path';
import { flagIsSet, flagValue, type RuncArgv } from '../cli/argv.js';
import { isContainerId } from '../container-id.js';
import { HardrunError } from '../errors.js';
import type { LogTarget } from '../log/logger.js';

/** hardrun's own global flags: taken out before the backend sees the argv. */
const ownGlobals = new Set(['policy']);

/** runc's default state directory when the caller names none (as root). */
export const defaultRoot = '/run/runc';

/** One runtime call, as the entry point hands it to a command. */
export interface Call {
  /** The caller's argv without hardrun's own flags: what the backend receives. */
  readonly argv: RuncArgv;
  readonly root: string;
  readonly log: LogTarget;
  readonly policyPath: string | undefined;
  readonly env: NodeJS.ProcessEnv;
}

export function makeCall(parsed: RuncArgv, env: NodeJS.ProcessEnv): Call {
  return {
    argv: { ...parsed, globals: parsed.globals.filter(flag => !ownGlobals.has(flag.name)) },
    root: flagValue(parsed.globals, 'root') ?? defaultRoot,
    log: { path: flagValue(parsed.globals, 'log'), format: flagValue(parsed.globals, 'log-format') },
    policyPath: flagValue(parsed.globals, 'policy'),
    env,
  };
}

/** The container id: the first positional argument. */
export function containerId(call: Call): string {
  const id = call.argv.positionals[0];
  if (id === undefined || id === '') {
    throw new HardrunError('argv', `"${call.argv.command}" requires a container id`);
  }
  // Not a usage error to runc: it fails loading the container (exec: 255).
  if (!isContainerId(id)) throw new HardrunError('container-id', `invalid container id format: ${id}`);
  return id;
}

/**
 * The descriptors above stdio that the caller passes on: systemd's
 * LISTEN_FDS (counted when LISTEN_PID is this process, which becomes the
 * backend's pid across execve), `--preserve-fds N`, and `--status-fd`.
 */
export function inheritedFds(call: Call, pid: number): number[] {
  const listen = call.env['LISTEN_PID'] === String(pid) ? Number(call.env['LISTEN_FDS'] ?? 0) : 0;
  const preserve = Number(flagValue(call.argv.flags, 'preserve-fds') ?? 0);
  const fds: number[] = [];
  const count = (Number.isSafeInteger(listen) ? listen : 0) + (Number.isSafeInteger(preserve) ? preserve : 0);
  for (let fd = 3; fd < 3 + Math.min(count, 4096); fd += 1) fds.push(fd);
  const status = Number(flagValue(call.argv.flags, 'status-fd'));
  if (Number.isSafeInteger(status) && status > 2) fds.push(status);
  return fds;
}

/**
 * The id of a `create`, `run` or `restore`, or undefined when the argv is
 * one runc answers with its usage text ("requires exactly 1 argument(s)"):
 * the caller then hands the call to the backend, which refuses it in its
 * own words and starts nothing. runc 1.1 (urfave/cli v1) moves a flag
 * written after the id in front of it, so `create ID --bundle B` is a
 * create of B: hardrun would harden one bundle and hand over another, and
 * refuses such an argv instead. An empty or malformed id is refused in
 * runc's words.
 */
export function createdId(call: Call): string | undefined {
  const [id, ...rest] = call.argv.positionals;
  if (rest.some(word => word.startsWith('-'))) {
    throw new HardrunError('argv', `flag ${rest.find(word => word.startsWith('-'))} after the container id of ${call.argv.command}: runc would read it as one of its flags, so hardrun refuses it (write every flag before the id)`);
  }
  if (id === undefined || rest.length > 0) return undefined;
  if (id === '') throw new HardrunError('container-id', runcWords(call, 'container id cannot be empty'));
  if (!isContainerId(id)) throw new HardrunError('container-id', runcWords(call, 'invalid container ID format'));
  return id;
}

/** A failure of a create-like call as runc words it: `runc create failed: ...`, `runc run failed: ...`; restore adds nothing. */
export function runcWords(call: Call, message: string): string {
  const command = call.argv.command;
  return command === 'create' || command === 'run' ? `runc ${command} failed: ${message}` : message;
}

export function isDetached(call: Call): boolean {
  return flagIsSet(call.argv.flags, 'detach');
}

/**
 * Calls that change a spec refuse flags runc's table does not know: hardrun
 * cannot tell what an unknown flag would do to the container (a future
 * runc's way of turning something off, say), so it fails closed. Calls that
 * only pass through forward unknown flags for the backend to judge.
 */
export function refuseUnknownFlags(call: Call): void {
  const unknown = [...call.argv.globals, ...call.argv.flags].find(flag => !flag.known);
  if (unknown !== undefined) {
    throw new HardrunError('argv', `unknown flag ${unknown.raw[0]} for ${call.argv.command}: hardrun refuses flags it cannot judge on calls that change a container's spec`);
  }
}

/** The bundle directory of a create-like call, absolute: `--bundle`, else the working directory. */
export function bundlePath(call: Call): string {
  const given = flagValue(call.argv.flags, 'bundle') ?? process.cwd();
  if (given.split('/').includes('..')) throw new HardrunError('bundle', `bundle path ${given} must not contain ".."`);
  return isAbsolute(given) ? given : resolve(given);
}
