import { ruleShown } from '../../state/record.js';
import { askDockerForRunning, dockerApiSocket, rootFromShim } from './docker-api.js';
import { defaultRoots, findContainers, listManaged } from './locate.js';
import { readBackendState } from './state.js';

export interface PsArgs {
  readonly root?: string;
  readonly json?: boolean;
}

/**
 * The roots, with those of Docker's running containers that none of them
 * holds (a daemon with an exec root of its own), from each one's shim. A
 * daemon that does not answer adds nothing: ps lists what it can find.
 */
async function withDaemonRoots(roots: string[]): Promise<string[]> {
  const { socket } = dockerApiSocket(process.env);
  if (socket === undefined) return roots;
  const running = await askDockerForRunning(socket).catch(() => []);
  const all = new Set(roots);
  for (const container of running) {
    if (findContainers(container.id, [...all]).some(found => found.id === container.id)) continue;
    const root = container.pid > 0 ? rootFromShim(container.pid, container.id) : undefined;
    if (root !== undefined) all.add(root);
  }
  return [...all];
}

/** `hardrun ps`: the containers hardrun manages (those with a record), their backend, rule and status. */
export async function listContainers(args: PsArgs): Promise<number> {
  const roots = args.root === undefined ? await withDaemonRoots(defaultRoots()) : [args.root];
  const managed = listManaged(roots);
  const rows = await Promise.all(managed.map(async container => {
    const state = await readBackendState(container);
    return {
      id: container.id,
      status: 'error' in state ? 'gone' : state.status,
      pid: 'error' in state ? 0 : state.pid,
      backend: container.record.name,
      rule: ruleShown(container.record),
      root: container.root,
    };
  }));
  if (args.json === true) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const header = ['ID', 'STATUS', 'PID', 'BACKEND', 'RULE', 'ROOT'];
  const table = [header, ...rows.map(row => [row.id.slice(0, 12), row.status, String(row.pid), row.backend, row.rule, row.root])];
  const widths = header.map((_, column) => Math.max(...table.map(row => row[column]?.length ?? 0)));
  for (const row of table) process.stdout.write(`${row.map((cell, column) => column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)).join('  ')}\n`);
  return 0;
}
