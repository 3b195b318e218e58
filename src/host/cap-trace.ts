import { appendFileSync, existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { isErrno } from '../errors.js';

/**
 * Which capabilities a container's processes ask the kernel for, seen
 * through the kernel's `capability:cap_capable` trace event in a tracefs
 * instance of the container's own. The instance follows one process and
 * every process it forks (`options/event-fork`): the engine's own, which
 * becomes the backend by exec, so the container's init and all it starts
 * are followed; an exec's engine (`docker exec`) is added to the processes
 * followed the same way. Only refused checks are kept: what the container asked for
 * and did not get. (A granted one says little: overlayfs checks with the
 * credentials of whoever mounted the root, full ones, in the name of the
 * process it serves.) The backend's own setup runs as `runc` and
 * `runc:[N:...]` and is filtered out by name, and so are checks of
 * capabilities the policy grants. CAP_SYS_ADMIN is filtered out too: the
 * kernel checks it, quietly, on ordinary memory mappings, and a container
 * that needs it belongs in the sandbox. Nothing here makes a container
 * fail: an instance that cannot be made is no instance.
 */

/** Where tracefs is mounted, if it is: systemd mounts it at the first at boot. */
const tracefsMounts = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];

/** The tracefs instance a container of this name would get, or undefined when tracefs or the event is missing. */
export function plannedTrace(name: string): string | undefined {
  for (const root of tracefsMounts) {
    if (existsSync(`${root}/events/capability/cap_capable/filter`) && existsSync(`${root}/instances`)) return `${root}/instances/hardrun-${name}`;
  }
  return undefined;
}

/** Only an instance as plannedTrace names them. */
export function isTraceInstance(path: string): boolean {
  return tracefsMounts.some(root => {
    const prefix = `${root}/instances/hardrun-`;
    const name = path.slice(prefix.length);
    return path.startsWith(prefix) && name !== '' && !name.includes('/');
  });
}

/** CAP_SYS_ADMIN's number (include/uapi/linux/capability.h). */
const sysAdmin = 21;

/**
 * Starts following `pid` and its descendants in the instance, for
 * capability checks of any capability outside `granted` (numbers) that
 * fail, and of those in `held` whether they fail or not: capabilities the
 * container holds beyond the allowlist because the policy only watches
 * them (a watched container keeps Docker's CAP_SYS_CHROOT, so sshd's
 * chroot succeeds, and only a granted check shows that enforcing would
 * refuse it). Returns false, leaving no instance, when any step fails.
 */
export function startCapabilityTrace(instance: string, granted: readonly number[], pid: number, held: readonly number[] = []): boolean {
  if (!isTraceInstance(instance)) return false;
  try {
    try {
      mkdirSync(instance);
    } catch (error) {
      // One a killed create left for a container of the same name: start afresh.
      if (!isErrno(error, 'EEXIST')) throw error;
      rmdirSync(instance);
      mkdirSync(instance);
    }
    const event = `${instance}/events/capability/cap_capable`;
    const skipped = [...new Set([sysAdmin, ...granted])].sort((a, b) => a - b).map(cap => ` && cap != ${cap}`).join('');
    const kept = [...new Set(held)].filter(cap => cap !== sysAdmin && !granted.includes(cap)).sort((a, b) => a - b);
    const outcome = kept.length === 0 ? 'ret != 0' : `(ret != 0${kept.map(cap => ` || cap == ${cap}`).join('')})`;
    writeFileSync(`${event}/filter`, `${outcome} && !(comm ~ "runc*") && !(comm ~ "hardrun*")${skipped}`);
    writeFileSync(`${instance}/buffer_size_kb`, '256');
    writeFileSync(`${instance}/options/event-fork`, '1');
    writeFileSync(`${instance}/set_event_pid`, String(pid));
    writeFileSync(`${event}/enable`, '1');
    return true;
  } catch {
    stopCapabilityTrace(instance);
    return false;
  }
}

/**
 * Adds `pid` and its descendants to the processes an existing instance
 * follows (an exec into the container). Best effort: a missing instance, or
 * one that cannot be written, follows nothing more.
 */
export function followInCapabilityTrace(instance: string, pid: number): void {
  if (!isTraceInstance(instance)) return;
  try {
    // Appended: a write that truncates set_event_pid would forget the container's own.
    appendFileSync(`${instance}/set_event_pid`, String(pid));
  } catch {
    // Gone with its container, or tracefs unmounted.
  }
}

/** Removes the instance (and its events); a missing one is fine. */
export function stopCapabilityTrace(instance: string): void {
  if (!isTraceInstance(instance)) return;
  try {
    rmdirSync(instance);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

/** A capability the container was refused, with the programs that asked for it. */
export interface CapabilityUse {
  readonly cap: number;
  readonly programs: readonly string[];
}

/** What the instance saw, by capability; undefined when it is gone. `held` as startCapabilityTrace was given it. */
export function readCapabilityTrace(instance: string, held: readonly number[] = []): CapabilityUse[] | undefined {
  let text: string;
  try {
    text = readFileSync(`${instance}/trace`, 'utf8');
  } catch {
    return undefined;
  }
  return parseCapabilityTrace(text, held);
}

/** Lines such as `  sshd-1234  [001] .....  12.5: cap_capable: cred ..., cap 18, ret -1`. */
export function parseCapabilityTrace(text: string, held: readonly number[] = []): CapabilityUse[] {
  const seen = new Map<number, Set<string>>();
  for (const line of text.split('\n')) {
    const event = /^\s*(?<program>.*)-\d+\s+\[\d+\].*\bcap_capable:.*\bcap (?<cap>\d+), ret (?<ret>-?\d+)\s*$/.exec(line)?.groups;
    if (event?.['program'] === undefined || event['cap'] === undefined) continue;
    const cap = Number(event['cap']);
    // A granted check counts only for a capability held beyond the allowlist (startCapabilityTrace's `held`).
    if (event['ret'] === '0' && !held.includes(cap)) continue;
    const programs = seen.get(cap) ?? new Set<string>();
    programs.add(event['program'].trim());
    seen.set(cap, programs);
  }
  return [...seen].sort(([a], [b]) => a - b).map(([cap, programs]) => ({ cap, programs: [...programs].sort() }));
}
