import type { Flag, RuncArgv } from '../cli/argv.js';
import type { BackendKind } from './backend.js';

/**
 * Command flags a backend lacks, per command, from the contract's sections on
 * runsc and kata-runtime. A dropped flag changes nothing the caller relies on
 * (`--no-pivot`), or names a feature the backend has no way to provide.
 */
const unsupported: Record<Exclude<BackendKind, 'runc'>, Record<string, readonly string[]>> = {
  runsc: {
    create: ['no-pivot', 'no-new-keyring', 'preserve-fds', 'pidfd-socket'],
    run: ['no-pivot', 'no-new-keyring', 'preserve-fds', 'pidfd-socket', 'keep', 'no-subreaper'],
    exec: ['preserve-fds', 'pidfd-socket', 'cgroup', 'ignore-paused', 'no-subreaper'],
    restore: [
      'no-pivot', 'pidfd-socket', 'tcp-established', 'ext-unix-sk', 'shell-job', 'file-locks',
      'manage-cgroups-mode', 'empty-ns', 'lazy-pages', 'auto-dedup', 'parent-path', 'page-server',
    ],
    checkpoint: [
      'tcp-established', 'tcp-skip-in-flight', 'link-remap', 'ext-unix-sk', 'shell-job', 'file-locks',
      'manage-cgroups-mode', 'empty-ns', 'lazy-pages', 'auto-dedup', 'page-server', 'status-fd',
    ],
  },
  kata: {
    create: ['no-new-keyring', 'preserve-fds', 'pidfd-socket'],
    run: ['no-new-keyring', 'preserve-fds', 'pidfd-socket', 'keep', 'no-subreaper'],
    exec: ['preserve-fds', 'pidfd-socket', 'cgroup', 'ignore-paused'],
  },
};

/** Global flags a backend lacks or spells differently. */
const unsupportedGlobals: Record<Exclude<BackendKind, 'runc'>, readonly string[]> = {
  runsc: ['criu'],
  kata: ['criu'],
};

/** Rewrites a caller's argv (hardrun's own flags already removed) for a backend. */
export function translateArgv(kind: BackendKind, argv: RuncArgv): RuncArgv {
  if (kind === 'runc') return argv;
  const table = unsupported[kind];
  const dropped = new Set(argv.command !== undefined && Object.hasOwn(table, argv.command) ? table[argv.command] : []);
  const globals = argv.globals.filter(flag => !unsupportedGlobals[kind].includes(flag.name)).map(flag => fixGlobal(kind, flag));
  const flags = argv.flags.filter(flag => !dropped.has(flag.name)).map(flag => fixCommandFlag(kind, argv.command, flag));
  let positionals = argv.positionals;
  // runsc's table format takes no ps(1) options after the id.
  if (kind === 'runsc' && argv.command === 'ps') positionals = positionals.slice(0, 1);
  return { ...argv, globals, flags, positionals };
}

function fixGlobal(kind: BackendKind, flag: Flag): Flag {
  // runsc's --rootless is a plain boolean: it rejects runc's "auto".
  if (kind === 'runsc' && flag.name === 'rootless' && flag.value === 'auto') {
    return { name: 'rootless', value: 'false', raw: ['--rootless=false'], known: true };
  }
  return flag;
}

function fixCommandFlag(kind: BackendKind, command: string | undefined, flag: Flag): Flag {
  // runsc's events --interval is a whole number of seconds; go-runc sends "5s".
  if (kind === 'runsc' && command === 'events' && flag.name === 'interval' && flag.value !== undefined) {
    const seconds = goDurationSeconds(flag.value);
    if (seconds !== undefined) return { name: 'interval', value: String(seconds), raw: [`--interval=${seconds}`], known: true };
  }
  return flag;
}

/** Whole seconds of a Go duration such as "5s", "1m30s" or "1500ms" (at least 1). */
export function goDurationSeconds(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)];
  if (parts.length === 0 || parts.map(part => part[0]).join('') !== text) return undefined;
  const total = parts.reduce((sum, part) => sum + Number(part[1]) * (units[part[2] ?? ''] ?? 0), 0);
  return Math.max(1, Math.round(total));
}
