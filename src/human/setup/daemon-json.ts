/**
 * daemon.json as plain values: what `setup docker` adds and what `--remove`
 * takes back. No I/O here, so the merge rules are tested as tables.
 */
export type DaemonConfig = Record<string, unknown>;

export const runtimeName = 'hardrun';

export interface SetupWish {
  /** Absolute path of bin/hardrun: registered by `path` alone, never with runtimeArgs. */
  readonly launcher: string;
  readonly makeDefault: boolean;
}

/**
 * The configuration with hardrun registered. Every other key is kept, in its
 * place; `runtimes` is added at the end when absent. Without `--default` the
 * `default-runtime` key is left as it is, so running setup again without the
 * flag never undoes an earlier `--default`.
 */
export function addHardrun(config: DaemonConfig, wish: SetupWish): DaemonConfig {
  const runtimes = asObject(config['runtimes']);
  const next: DaemonConfig = { ...config, runtimes: { ...runtimes, [runtimeName]: { path: wish.launcher } } };
  if (wish.makeDefault) next['default-runtime'] = runtimeName;
  return next;
}

/**
 * The configuration without hardrun: its runtime entry and a default-runtime
 * that names it go back to what the backup held (usually nothing). Used when
 * other keys changed since setup, so the backup cannot simply be restored.
 */
export function removeHardrun(config: DaemonConfig, backup: DaemonConfig | undefined): DaemonConfig {
  const next: DaemonConfig = { ...config };
  const runtimes: Record<string, unknown> = { ...asObject(config['runtimes']) };
  const before = asObject(backup?.['runtimes'])[runtimeName];
  if (before === undefined) delete runtimes[runtimeName];
  else runtimes[runtimeName] = before;
  if (Object.keys(runtimes).length === 0 && backup?.['runtimes'] === undefined) delete next['runtimes'];
  else next['runtimes'] = runtimes;
  if (config['default-runtime'] === runtimeName) {
    if (backup?.['default-runtime'] === undefined) delete next['default-runtime'];
    else next['default-runtime'] = backup['default-runtime'];
  }
  return next;
}

/** Whether the file still holds exactly what setup made of the backup (nothing else changed since). */
export function isUnchangedSinceSetup(current: DaemonConfig, backup: DaemonConfig, wishes: readonly SetupWish[]): boolean {
  return wishes.some(wish => sameJson(addHardrun(backup, wish), current));
}

export function formatDaemonConfig(config: DaemonConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

export function parseDaemonConfig(text: string, path: string): DaemonConfig {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path} must hold a JSON object`);
  return value as DaemonConfig;
}

/** Key order matters for nothing Docker reads, so compare values alone. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  return aKeys.length === bKeys.length
    && aKeys.every(key => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** The unix socket Docker's API listens on, from `hosts` (else Docker's default). */
export function dockerSocket(config: DaemonConfig): string {
  const hosts = Array.isArray(config['hosts']) ? config['hosts'] as unknown[] : [];
  const unix = hosts.find((host): host is string => typeof host === 'string' && host.startsWith('unix://'));
  return unix === undefined ? '/var/run/docker.sock' : unix.slice('unix://'.length);
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}
