// What a container sees of itself, printed from inside it and parsed here.
import type { ExecutionContext } from 'ava';
import { defaultHardening } from '../../src/harden/units.js';
import { capabilitiesIn, parseStatus } from '../helpers/proc-status.js';

export const probeScript = [
  'cat /proc/self/status',
  'echo "@@uid_map $(cat /proc/self/uid_map)"',
  'if touch /probe-root 2>/dev/null; then echo "@@root writable"; else echo "@@root read-only"; fi',
].join('; ');

export interface Seen {
  readonly status: Record<string, string>;
  readonly uidMap: number[];
  readonly rootWritable: boolean;
}

export function parseProbe(stdout: string): Seen {
  const marker = (name: string): string => stdout.split('\n').find(line => line.startsWith(`@@${name} `))?.slice(name.length + 3) ?? '';
  return { status: parseStatus(stdout), uidMap: marker('uid_map').trim().split(/\s+/).map(Number), rootWritable: marker('root') === 'writable' };
}

const allowed = new Set(defaultHardening.capabilities.allow);

/** Capabilities, seccomp, no_new_privs, user namespace and read-only root, as the container sees them. */
export function assertHardened(t: ExecutionContext, seen: Seen, what: string): void {
  t.deepEqual(capabilitiesIn(seen.status['CapEff'] ?? 'ffffffffff').filter(name => !allowed.has(name)), [], `${what}: CapEff beyond the allowlist`);
  t.deepEqual(capabilitiesIn(seen.status['CapBnd'] ?? 'ffffffffff').filter(name => !allowed.has(name)), [], `${what}: CapBnd beyond the allowlist`);
  t.is(seen.status['Seccomp'], '2', `${what}: seccomp`);
  t.is(seen.status['NoNewPrivs'], '1', `${what}: no_new_privs`);
  t.is(seen.uidMap[0], 0, `${what}: uid_map`);
  t.true((seen.uidMap[1] ?? 0) > 0, `${what}: container root is host root`);
  t.false(seen.rootWritable, `${what}: / took a write`);
}

/**
 * The main process of an app container: the probe (what the container sees
 * of itself, in its log, so that it needs no ExecSync), the script's own
 * lines, `@@ready`, then it waits (and ends on SIGTERM).
 */
export function serve(script: string): string[] {
  return ['sh', '-c', `${probeScript}; ${script}; echo @@ready; trap 'exit 0' TERM; while :; do sleep 1; done`];
}
