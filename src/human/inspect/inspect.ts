import { ruleShown } from '../../state/record.js';
import { builtinPolicy } from '../../policy/builtin.js';
import { decisionForRule } from '../../policy/decide.js';
import { loadPolicy } from '../../policy/load.js';
import type { Policy } from '../../policy/policy.js';
import { askDockerForContainer, dockerApiSocket, isDockerReference, rootFromShim } from './docker-api.js';
import { containerAt, defaultRoots, findContainers, type FoundContainer } from './locate.js';
import { describePod, podOfContainer } from './pod.js';
import { readLiveIsolation } from './proc.js';
import { readBackendState } from './state.js';
import { judgeIsolation } from './verdict.js';

export interface InspectArgs {
  readonly id?: string;
  readonly root?: string;
  readonly json?: boolean;
  readonly policy?: string;
}

/**
 * `hardrun inspect ID`: the isolation of a running container read from its
 * init process (/proc/PID), not from any configuration, judged against what
 * hardrun's rule for it would make. Exit 0: hardened; 1: something is
 * weaker; 2: no such container (or not running, or ambiguous). Without
 * --root, a query found in no known state directory (a container name, or
 * a daemon with an exec root of its own) is asked of Docker's daemon.
 */
export async function inspectContainer(args: InspectArgs): Promise<number> {
  const query = args.id ?? '';
  const roots = args.root === undefined ? defaultRoots() : [args.root];
  let matches = findContainers(query, roots);
  let daemonNote = '';
  if (matches.length === 0 && args.root === undefined) {
    // A name, or a container of a daemon whose exec root is not among the roots: Docker knows.
    const asked = await askDocker(query, roots);
    matches = asked.found;
    daemonNote = asked.note;
  }
  const container = matches[0];
  if (container === undefined || matches.length !== 1) {
    const why = matches.length === 0 ? `no container ${query} in ${roots.join(', ')}${daemonNote}` : `${query} is ambiguous: ${matches.map(match => `${match.id} (${match.root})`).join(', ')}`;
    process.stderr.write(`hardrun inspect: ${why}\n`);
    return 2;
  }
  const state = await readBackendState(container);
  if ('error' in state || state.pid <= 0 || state.status === 'stopped') {
    process.stderr.write(`hardrun inspect: container ${container.id} is not running (${'error' in state ? state.error : `status ${state.status}`})\n`);
    return 2;
  }
  const live = readLiveIsolation(state.pid);
  const policy = await policyOrBuiltin(args.policy);
  const capabilities = decisionForRule(policy, container.record).hardening.capabilities;
  const recordedUid = container.record?.ids?.uid;
  const judgements = judgeIsolation(live, { allow: capabilities.allow.map(canonical), never: capabilities.never.map(canonical), ...(recordedUid === undefined ? {} : { hostUid: recordedUid }) });
  const hardened = judgements.every(judgement => judgement.hardened);
  const managed = container.record === undefined ? undefined : { backend: container.record.name, kind: container.record.kind, rule: ruleShown(container.record) };
  const pod = podOfContainer(container);
  const podLine = describePod(container, pod);
  if (args.json === true) {
    process.stdout.write(`${JSON.stringify({ id: container.id, root: container.root, status: state.status, managed: managed ?? null, pod: pod ?? null, live, judgements, hardened }, null, 2)}\n`);
    return hardened ? 0 : 1;
  }
  const lines = [
    `container ${container.id} (${state.status}, init pid ${state.pid}, root ${container.root})`,
    managed === undefined
      ? 'hardrun: not managed (no hardrun record: it was created by the backend directly, e.g. --runtime=runc)'
      : `hardrun: backend ${managed.backend} (${managed.kind}), policy rule ${managed.rule}${managed.kind === 'runsc' ? ' (the pid is gVisor\'s sandbox on the host)' : ''}`,
    ...(podLine === undefined ? [] : [podLine]),
    ...judgements.map(judgement => `  ${judgement.hardened ? 'ok      ' : 'WEAKER  '}${judgement.property.padEnd(32)} ${judgement.seen}`),
    hardened ? 'verdict: hardened' : `verdict: NOT hardened (${judgements.filter(judgement => !judgement.hardened).map(judgement => judgement.property).join(', ')})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return hardened ? 0 : 1;
}

/**
 * The container Docker's daemon names `query` (a name, an id or a prefix),
 * found under the known roots by its full id, else under the root its shim
 * gives runc. The note says, for the error, what the daemon answered.
 */
async function askDocker(query: string, roots: readonly string[]): Promise<{ found: FoundContainer[]; note: string }> {
  const { socket, why } = dockerApiSocket(process.env);
  if (socket === undefined) return { found: [], note: `; ${why}` };
  if (!isDockerReference(query)) return { found: [], note: '' };
  let container;
  try {
    container = await askDockerForContainer(socket, query);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ECONNREFUSED') return { found: [], note: `, and no Docker daemon answers on ${socket}` };
    return { found: [], note: `; Docker's API on ${socket} could not be asked (${(error as Error).message})` };
  }
  if (container === undefined) return { found: [], note: `, and the Docker daemon on ${socket} knows no container ${query}` };
  const known = findContainers(container.id, roots).filter(found => found.id === container.id);
  if (known.length > 0) return { found: known, note: '' };
  if (container.pid <= 0) return { found: [], note: `; Docker's ${container.name} (${container.id}) is not running, so its runtime state directory cannot be found` };
  const root = rootFromShim(container.pid, container.id);
  if (root === undefined) return { found: [], note: `; Docker's ${container.name} (${container.id}) runs, but its runtime state directory was not found: give it with --root` };
  return { found: [containerAt(root, container.id)], note: '' };
}

async function policyOrBuiltin(path: string | undefined): Promise<Policy> {
  try {
    return await loadPolicy(path, process.env);
  } catch (error) {
    process.stderr.write(`hardrun inspect: ${(error as Error).message}; judging against the built-in policy\n`);
    return builtinPolicy;
  }
}

function canonical(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
}
