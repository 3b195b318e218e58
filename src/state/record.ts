import { closeSync, constants, existsSync, openSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { isContainerId } from '../container-id.js';
import { HardrunError, isErrno } from '../errors.js';
import { writeFileAtomic } from '../host/atomic-file.js';
import { directoryModes, ensureOwnDirectory } from '../host/directories.js';
import type { BackendKind } from '../backend/backend.js';
import { formatLearnState, parseLearnState, type LearnState } from '../learn/state-line.js';

/**
 * Which backend owns a container, kept in a one-line file that the `sh`
 * launcher parses with `IFS=<tab> read -r`. Line 1:
 *
 *   hardrun1 <TAB> direct|hooked|full <TAB> kind <TAB> name <TAB> path [<TAB> arg]...
 *
 * "direct" (and "hooked", the same for every call but a delete: see
 * `hooked`) tells the launcher it may exec the backend itself; it is written
 * only when the line holds at most four arguments and no field is empty or
 * holds a tab or newline, so that the launcher's fixed `read` never misparses.
 * Later lines are `key<TAB>value` pairs: `staging` (always line 2 when
 * present, for the launcher's delete, with the claim of the container's
 * host ids as a third field), `ids`, `rule`, `raising`, `trace`, `pod`,
 * `netns` and `learn`.
 */
export interface ContainerRecord {
  readonly kind: BackendKind;
  readonly name: string;
  /** Absolute path of the backend binary. */
  readonly path: string;
  readonly args: readonly string[];
  /** The policy rule that chose the backend. */
  readonly rule?: string;
  /** For a rule that may only raise (it matched on what the container's user sets), the rule or "default" it raised. */
  readonly raising?: string;
  /** A per-container staging directory to remove at delete. */
  readonly staging?: string;
  /** The claim of the container's host ids (src/state/id-slots.ts), removed at delete with the record. */
  readonly claim?: string;
  /** The host uid and gid the container's root maps to. */
  readonly ids?: { readonly uid: number; readonly gid: number };
  /**
   * The tracefs instance that watches the container's capability checks
   * (src/host/cap-trace.ts), removed at delete. Its record is "full": the
   * engine, which removes it, takes the container's every call.
   */
  readonly trace?: string;
  /**
   * The backend removes hardrun's state with the container itself (runc runs
   * the create's cleanup hook, src/state/cleanup-hook.ts): a `delete` that
   * succeeds on a container the backend has state for leaves the removal to
   * it. Written as the mode `hooked`, which the launcher follows as `direct`.
   */
  readonly hooked?: boolean;
  /** The pod sandbox (a container of the same root) whose user namespace and host ids this container shares (src/state/pod.ts). */
  readonly pod?: string;
  /**
   * The network namespace hardrun joins for the backend, before it runs
   * (src/host/netns.ts): its path as the spec named it and its inode, which
   * an exec checks before joining it again.
   */
  readonly netns?: { readonly path: string; readonly inode: number };
  /**
   * A container learned from (src/learn/state.ts): its delete appends what
   * it needed to the audit log before its state goes. Its record is "full",
   * so that the delete is the engine's.
   */
  readonly learn?: LearnState;
}

const magic = 'hardrun1';
const launcherArgSlots = 4;

/** Records sit beside the backend's state directory, never inside it. */
export function recordDir(root: string): string {
  const trimmed = root.replace(/\/+$/, '');
  return trimmed === '' ? '/.hardrun' : `${trimmed}.hardrun`;
}

export function recordPath(root: string, id: string): string {
  return `${recordDir(root)}/${id}`;
}

export function formatRecord(record: ContainerRecord): string {
  const fields = [record.kind, record.name, record.path, ...record.args];
  const direct = record.trace === undefined && record.learn === undefined && record.args.length <= launcherArgSlots && fields.every(field => field !== '' && !/[\t\n]/.test(field));
  if (fields.some(field => /[\t\n]/.test(field))) {
    throw new HardrunError('record', `backend "${record.name}" has a tab or newline in its path or arguments`);
  }
  const lines = [[magic, direct ? (record.hooked === true ? 'hooked' : 'direct') : 'full', ...fields].join('\t')];
  // The launcher reads line 2 for the staging directory it removes at delete.
  if (record.staging !== undefined) lines.push(`staging\t${record.staging}${record.claim === undefined ? '' : `\t${record.claim}`}`);
  if (record.ids !== undefined) lines.push(`ids\t${record.ids.uid}:${record.ids.gid}`);
  if (record.rule !== undefined) lines.push(`rule\t${record.rule.replace(/[\t\n]/g, ' ')}`);
  if (record.raising !== undefined) lines.push(`raising\t${record.raising.replace(/[\t\n]/g, ' ')}`);
  if (record.trace !== undefined) lines.push(`trace\t${record.trace.replace(/[\t\n]/g, ' ')}`);
  if (record.pod !== undefined) lines.push(`pod\t${record.pod}`);
  if (record.netns !== undefined) {
    if (/[\t\n]/.test(record.netns.path)) throw new HardrunError('record', `the network namespace path ${JSON.stringify(record.netns.path)} has a tab or newline`);
    lines.push(`netns\t${record.netns.inode}\t${record.netns.path}`);
  }
  // JSON escapes every tab and newline a path or image name could hold.
  if (record.learn !== undefined) lines.push(`learn\t${formatLearnState(record.learn)}`);
  return `${lines.join('\n')}\n`;
}

/** The rule a record names, as a decision shows it: "U (raising T)" for one that may only raise; "default" when none. */
export function ruleShown(record: ContainerRecord | undefined): string {
  if (record?.rule === undefined) return 'default';
  return record.raising === undefined ? record.rule : `${record.rule} (raising ${record.raising})`;
}

export function parseRecord(text: string): ContainerRecord | undefined {
  const [first, ...rest] = text.split('\n');
  const fields = first?.split('\t') ?? [];
  const [tag, mode, kind, name, path, ...args] = fields;
  if (tag !== magic || name === undefined || path === undefined) return undefined;
  if (kind !== 'runc' && kind !== 'runsc' && kind !== 'kata') return undefined;
  const extra = new Map(rest.filter(line => line.includes('\t')).map(line => {
    const tab = line.indexOf('\t');
    return [line.slice(0, tab), line.slice(tab + 1)] as [string, string];
  }));
  const rule = extra.get('rule');
  const raising = extra.get('raising');
  const [staging, claim] = extra.get('staging')?.split('\t') ?? [];
  const ids = /^(\d+):(\d+)$/.exec(extra.get('ids') ?? '');
  const trace = extra.get('trace');
  const pod = extra.get('pod');
  const netns = /^(\d+)\t(\/.*)$/.exec(extra.get('netns') ?? '');
  const learnLine = extra.get('learn');
  const learn = learnLine === undefined ? undefined : parseLearnState(learnLine);
  return {
    kind, name, path, args,
    ...(rule === undefined ? {} : { rule }),
    ...(raising === undefined ? {} : { raising }),
    ...(staging === undefined ? {} : { staging }),
    ...(claim === undefined ? {} : { claim }),
    ...(ids === null ? {} : { ids: { uid: Number(ids[1]), gid: Number(ids[2]) } }),
    ...(trace === undefined ? {} : { trace }),
    ...(mode === 'hooked' ? { hooked: true } : {}),
    ...(pod === undefined || !isContainerId(pod) ? {} : { pod }),
    ...(netns === null ? {} : { netns: { inode: Number(netns[1]), path: netns[2] as string } }),
    ...(learn === undefined ? {} : { learn }),
  };
}

export function readRecord(root: string, id: string): ContainerRecord | undefined {
  let text: string;
  try {
    const fd = openSync(recordPath(root, id), constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw new HardrunError('record', `cannot read the record of container ${id}: ${(error as Error).message}`, { cause: error });
  }
  const record = parseRecord(text);
  if (record === undefined) throw new HardrunError('record', `the record of container ${id} is damaged: ${recordPath(root, id)}`);
  return record;
}

/** Writes the record through a temporary file and a rename, so no reader sees half of it. */
export function writeRecord(root: string, id: string, record: ContainerRecord): void {
  const dir = recordDir(root);
  ensurePrivateDir(dir);
  writeFileAtomic(`${dir}/${id}`, formatRecord(record), 0o600);
}

/**
 * The record of the policy's default backend, which the launcher uses for a
 * container hardrun has no record of (one already deleted: Docker's second
 * `delete --force`), as the engine would. `@` is not in runc's id alphabet,
 * so no container can be named so.
 */
export const defaultRecordName = '@default';

/**
 * Writes the default backend's record when it is missing or differs (one
 * read on every create, a write rarely). Its temporary file is named for the
 * container being created (`.ID.default-*.tmp`): a create killed before the
 * rename leaves it where the launcher's check for half-written records and
 * the engine's `delete` of that container look.
 */
export function writeDefaultRecord(root: string, record: ContainerRecord, forId: string): void {
  const path = `${recordDir(root)}/${defaultRecordName}`;
  const text = formatRecord({ kind: record.kind, name: record.name, path: record.path, args: record.args });
  let before: string | undefined;
  try {
    before = readFileSync(path, 'utf8');
    if (before === text) return;
  } catch {
    // Missing or unreadable: write it.
  }
  ensurePrivateDir(recordDir(root));
  const replaced = before === undefined ? undefined : parseRecord(before);
  if (replaced !== undefined) keepOwnersOf(root, replaced);
  writeFileAtomic(path, text, 0o600, { tempPrefix: `${recordDir(root)}/.${forId}.default-` });
}

/**
 * Before the default backend changes, each container of the root that has
 * no record of its own (a watched one, src/runtime/watch-create.ts, whose
 * calls the default record routed) gets one naming the backend that created
 * it, so that its later calls still reach that backend. Such a record is
 * removed at the container's delete, as any record without a hook is.
 */
function keepOwnersOf(root: string, owner: ContainerRecord): void {
  let names: string[];
  try {
    names = readdirSync(root, { withFileTypes: true }).filter(entry => entry.isDirectory() && isContainerId(entry.name) && !entry.name.startsWith('.')).map(entry => entry.name);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw new HardrunError('record', `cannot list the containers of ${root} before changing its default backend: ${(error as Error).message}`, { cause: error });
  }
  for (const id of names) {
    if (isContainerState(`${root}/${id}`) && !existsSync(recordPath(root, id))) writeRecord(root, id, { kind: owner.kind, name: owner.name, path: owner.path, args: owner.args });
  }
}

/**
 * A container's state directory as runc (`state.json`) or crun (`status`)
 * keeps one; a backend's other directories in its root are not containers
 * (crun keeps a `.cache` there).
 */
function isContainerState(dir: string): boolean {
  return existsSync(`${dir}/state.json`) || existsSync(`${dir}/status`);
}

/** Removes a record, and any temporary file a killed writer left for it. */
export function removeRecord(root: string, id: string): void {
  // Only a container's own file: never the directory, a parent, or the default record.
  if (!isContainerId(id)) throw new HardrunError('record', `refusing to remove the record of "${id}": not a container id`);
  const dir = recordDir(root);
  let names: string[] = [];
  try {
    // Only its own: `.a.b.<hex>.tmp` is container a.b's, not a's.
    names = readdirSync(dir).filter(name => isTemporaryOf(name, id));
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
  for (const name of [id, ...names]) {
    try {
      unlinkSync(`${dir}/${name}`);
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
  }
}

/** The temporary files a record of `id` is written through: `.ID.<12 hex>.tmp` and `.ID.default-<12 hex>.tmp` (writeFileAtomic's names). */
function isTemporaryOf(name: string, id: string): boolean {
  const prefix = `.${id}.`;
  return name.startsWith(prefix) && /^(?:default-)?[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length));
}

function ensurePrivateDir(dir: string): void {
  try {
    ensureOwnDirectory(dir, directoryModes.private, true);
  } catch (error) {
    throw new HardrunError('record', `cannot create the state directory ${dir}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`, { cause: error });
  }
}
