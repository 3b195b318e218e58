import { accessSync, constants } from 'node:fs';
import { HardrunError } from '../../errors.js';
import { launcherPath } from '../../shim/install-paths.js';
import { addHardrun, dockerSocket, formatDaemonConfig, isUnchangedSinceSetup, parseDaemonConfig, removeHardrun, runtimeName, sameJson, type DaemonConfig } from './daemon-json.js';
import { readDaemonPid, waitForRuntimeInfo, type RuntimeInfo } from './docker-daemon.js';
import { keepBackup, readOptional, removeFile, replaceFile } from './files.js';
import { installHostPolicy, policyToInstall, removeHostPolicy, type HostPolicyArgs } from './host-policy.js';
import { defaultPolicyPath } from '../../policy/load.js';
import { ensureSubidRanges, keptSubidRangeLine, printDiff, printRemoval } from './subid-files.js';

export interface SetupDockerArgs extends HostPolicyArgs {
  readonly config?: string;
  readonly default?: boolean;
  readonly remove?: boolean;
  readonly reload?: boolean;
  readonly pidfile?: string;
  readonly subuidFile?: string;
  readonly subgidFile?: string;
  readonly dryRun?: boolean;
}

const reloadTimeoutMs = 10_000;
const say = (line: string): void => { process.stdout.write(`${line}\n`); };

/**
 * `hardrun setup docker`: registers bin/hardrun in daemon.json by `path`
 * alone (Docker wraps a runtime with runtimeArgs in a script that does not
 * exec, which orphans hardrun when a call is cancelled), creates the
 * subordinate id range, and reloads dockerd, trusting only what its API
 * then reports. A second run writes nothing.
 */
export async function setupDocker(args: SetupDockerArgs): Promise<number> {
  const path = args.config ?? '/etc/docker/daemon.json';
  const text = readOptional(path);
  const current = parse(text, path);
  if (args.remove === true) {
    const status = await removeFromDocker(args, path, text, current);
    if (status === 0 && args.dryRun !== true) removeHostPolicy(say, args.hostPolicy);
    return status;
  }
  const policy = policyToInstall(args);

  const launcher = launcherPath();
  try {
    accessSync(launcher, constants.X_OK);
  } catch {
    throw new HardrunError('setup', `the launcher ${launcher} is missing or not executable: install bin/ whole`);
  }
  const wish = { launcher, makeDefault: args.default === true };
  const next = addHardrun(current, wish);
  if (args.dryRun === true) {
    // --dry-run: the changes as diffs; nothing is written and dockerd is not signalled.
    if (!sameJson(next, current)) printDiff(path, formatDaemonConfig(next));
    const hostPolicy = args.hostPolicy ?? defaultPolicyPath;
    if (policy !== undefined && readOptional(hostPolicy) !== policy.text) printDiff(hostPolicy, policy.text);
    ensureSubidRanges(args.subuidFile ?? '/etc/subuid', args.subgidFile ?? '/etc/subgid', () => undefined, printDiff);
    return 0;
  }
  // The policy first: dockerd may start a container through hardrun as soon as it reloads.
  if (policy !== undefined) await installHostPolicy(policy.text, policy.what, say, args.hostPolicy);
  if (sameJson(next, current)) {
    say(`${path}: hardrun is already registered${wish.makeDefault ? ' as the default runtime' : ''}; nothing changed`);
  } else {
    const backup = keepBackup(path, text);
    replaceFile(path, formatDaemonConfig(next));
    say(`${path}: registered runtime "${runtimeName}" (path ${launcher})${wish.makeDefault ? ' as the default runtime' : ''}`);
    if (backup !== undefined) say(`${path}: the previous file is kept as ${backup}`);
  }
  ensureSubidRanges(args.subuidFile ?? '/etc/subuid', args.subgidFile ?? '/etc/subgid', say);
  if (args.reload === false) {
    say('not reloading dockerd (--no-reload): send it SIGHUP, or restart it, to apply');
    return 0;
  }
  const accept = (info: RuntimeInfo): boolean => info.runtimes[runtimeName]?.path === launcher && (!wish.makeDefault || info.defaultRuntime === runtimeName);
  return reloadAndCheck(args, next, accept, 'lists hardrun');
}

async function removeFromDocker(args: SetupDockerArgs, path: string, text: string | undefined, current: DaemonConfig): Promise<number> {
  const backupPath = `${path}.hardrun-backup`;
  const backupText = readOptional(backupPath);
  const backup = backupText === undefined ? undefined : parse(backupText, backupPath);
  const registered = asRecord(current['runtimes'])[runtimeName] !== undefined || current['default-runtime'] === runtimeName;
  if (text === undefined || !registered) {
    say(`${path}: hardrun is not registered; nothing changed`);
    return 0;
  }
  const wasDefault = current['default-runtime'] === runtimeName;
  const launcher = asRecord(asRecord(current['runtimes'])[runtimeName])['path'];
  const wishes = [true, false].map(makeDefault => ({ launcher: String(launcher), makeDefault }));
  let restored: DaemonConfig;
  let restoredText: string | undefined;
  if (backup !== undefined && backupText !== undefined && isUnchangedSinceSetup(current, backup, wishes)) {
    restored = backup;
    restoredText = backupText;
    if (args.dryRun !== true) say(`${path}: restored from ${backupPath}, byte for byte`);
  } else {
    // Someone changed other keys since setup: keep their changes, take back only hardrun's.
    restored = removeHardrun(current, backup);
    if (backup === undefined && Object.keys(restored).length === 0) {
      // No backup: the file did not exist before setup, and only hardrun's entries are in it.
      restoredText = undefined;
      if (args.dryRun !== true) say(`${path}: removed the file: setup created it, and nothing but hardrun's entries is in it`);
    } else {
      restoredText = formatDaemonConfig(restored);
      if (args.dryRun !== true) say(`${path}: other settings changed since setup, so only hardrun's entries were removed (the rest is kept as it is now)`);
    }
  }
  if (args.dryRun === true) {
    if (restoredText === undefined) printRemoval(path);
    else printDiff(path, restoredText);
    return 0;
  }
  say(keptSubidRangeLine(args.subuidFile ?? '/etc/subuid', args.subgidFile ?? '/etc/subgid'));
  const pid = args.reload === false ? undefined : readDaemonPid(pidfileOf(args, current));
  // dockerd 20.10 keeps its default runtime on reload when the key is absent
  // (daemon/reload_unix.go), so first reload with Docker's stock default.
  if (wasDefault && restored['default-runtime'] === undefined && pid !== undefined) {
    replaceFile(path, formatDaemonConfig({ ...current, 'default-runtime': 'runc' }));
    const step = await reloadAndCheck(args, current, info => info.defaultRuntime === 'runc', 'has runc as its default again', true);
    if (step !== 0) return step;
  }
  if (restoredText === undefined) removeFile(path);
  else replaceFile(path, restoredText);
  removeFile(backupPath);
  if (args.reload === false) {
    say('not reloading dockerd (--no-reload): send it SIGHUP, or restart it, to apply');
    return 0;
  }
  const status = await reloadAndCheck(args, restored, info => info.defaultRuntime !== runtimeName, 'no longer defaults to hardrun');
  if (status === 0 && restored['runtimes'] === undefined && readDaemonPid(pidfileOf(args, restored)) !== undefined) {
    say('note: dockerd 20.10 only replaces its runtimes on reload when daemon.json names some, so it lists "hardrun" until it restarts; nothing runs through it unless asked for with --runtime=hardrun');
  }
  return status;
}

async function reloadAndCheck(args: SetupDockerArgs, config: DaemonConfig, accept: (info: RuntimeInfo) => boolean, what: string, quiet = false): Promise<number> {
  const pidfile = pidfileOf(args, config);
  const pid = readDaemonPid(pidfile);
  if (pid === undefined) {
    say(`dockerd is not running (no live pid in ${pidfile}): it reads the new configuration when it starts`);
    return 0;
  }
  process.kill(pid, 'SIGHUP');
  const socket = dockerSocket(config);
  const seen = await waitForRuntimeInfo(socket, accept, reloadTimeoutMs);
  if (seen.info !== undefined && accept(seen.info)) {
    if (!quiet) say(`dockerd (pid ${pid}) reloaded; docker info ${what} (default runtime: ${seen.info.defaultRuntime})`);
    return 0;
  }
  const why = seen.error?.message ?? `its runtimes are ${Object.keys(seen.info?.runtimes ?? {}).join(', ')} and its default is ${seen.info?.defaultRuntime}`;
  process.stderr.write(`dockerd (pid ${pid}) was sent SIGHUP, but within ${reloadTimeoutMs / 1000} s docker info on ${socket} never showed that it ${what}: ${why}. Its log says why (an invalid daemon.json is refused); restarting dockerd also applies the file.\n`);
  return 1;
}

/** dockerd's pid file: the flag, else daemon.json's own `pidfile`, else Docker's default. */
function pidfileOf(args: SetupDockerArgs, config: DaemonConfig): string {
  return args.pidfile ?? (typeof config['pidfile'] === 'string' ? config['pidfile'] : '/var/run/docker.pid');
}

function parse(text: string | undefined, path: string): DaemonConfig {
  if (text === undefined) return {};
  try {
    return parseDaemonConfig(text, path);
  } catch (error) {
    throw new HardrunError('setup', (error as Error).message, { cause: error });
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}
