import { defaultRoots, listManaged } from './locate.js';
import { readBackendState } from './state.js';

export interface PsArgs {
  readonly root?: string;
  readonly json?: boolean;
}

/** `hardrun ps`: the containers hardrun manages (those with a record), their backend, rule and status. */
export async function listContainers(args: PsArgs): Promise<number> {
  const roots = args.root === undefined ? defaultRoots() : [args.root];
  const managed = listManaged(roots);
  const rows = await Promise.all(managed.map(async container => {
    const state = await readBackendState(container);
    return {
      id: container.id,
      status: 'error' in state ? 'gone' : state.status,
      pid: 'error' in state ? 0 : state.pid,
      backend: container.record.name,
      rule: container.record.rule ?? 'default',
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
