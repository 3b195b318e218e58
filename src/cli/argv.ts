import { HardrunError } from '../errors.js';
import { commandFlags, globalFlags, type FlagTable } from './flags.js';

/** One flag as the caller wrote it: `raw` is reproduced verbatim on hand-over. */
export interface Flag {
  /** Canonical long name, or the name as written when unknown. */
  readonly name: string;
  readonly value: string | undefined;
  readonly raw: readonly [string] | readonly [string, string];
  /** Whether runc's flag table knows it (unknown flags are kept as booleans). */
  readonly known: boolean;
}

export interface RuncArgv {
  readonly globals: readonly Flag[];
  readonly command: string | undefined;
  readonly flags: readonly Flag[];
  readonly positionals: readonly string[];
}

/**
 * Parses runc's argv the way Go's flag package (under urfave/cli) does:
 * `--x v`, `--x=v`, `-x v` and `-x=v` alike; flags stop at the first
 * non-flag or at `--`. Unknown flags are kept as booleans so that they reach
 * the backend unchanged.
 */
export function parseRuncArgv(argv: readonly string[]): RuncArgv {
  const globals = readFlags(argv, 0, globalFlags);
  const command = argv[globals.next];
  if (command === undefined) {
    return { globals: globals.flags, command: undefined, flags: [], positionals: [] };
  }
  // Own properties only: a command named "__proto__" or "valueOf" is just unknown.
  const table = (Object.hasOwn(commandFlags, command) ? commandFlags[command] : undefined) ?? { valued: [], boolean: [] };
  const local = readFlags(argv, globals.next + 1, table);
  return { globals: globals.flags, command, flags: local.flags, positionals: argv.slice(local.next) };
}

/** Joins a parsed argv back into the caller's tokens, in the caller's order. */
export function formatRuncArgv(parsed: RuncArgv): string[] {
  const out: string[] = [];
  for (const flag of parsed.globals) out.push(...flag.raw);
  if (parsed.command !== undefined) out.push(parsed.command);
  for (const flag of parsed.flags) out.push(...flag.raw);
  out.push(...parsed.positionals);
  return out;
}

export function flagValue(flags: readonly Flag[], name: string): string | undefined {
  let value: string | undefined;
  for (const flag of flags) if (flag.name === name) value = flag.value;
  return value;
}

/** A Go boolean flag is set by `--x`, `--x=true` or `--x=1`. */
export function flagIsSet(flags: readonly Flag[], name: string): boolean {
  let set = false;
  for (const flag of flags) {
    if (flag.name === name) set = flag.value === undefined || ['true', '1', 't', 'T', 'TRUE', 'True'].includes(flag.value);
  }
  return set;
}

function readFlags(argv: readonly string[], start: number, table: FlagTable): { flags: Flag[]; next: number } {
  const flags: Flag[] = [];
  let index = start;
  for (let token = argv[index]; token !== undefined; token = argv[index]) {
    if (token === '--') {
      flags.push({ name: '--', value: undefined, raw: [token], known: true });
      return { flags, next: index + 1 };
    }
    if (!token.startsWith('-') || token === '-') break;
    const body = token.slice(token.startsWith('--') ? 2 : 1);
    const equals = body.indexOf('=');
    const written = equals === -1 ? body : body.slice(0, equals);
    const valued = lookUp(table.valued, written);
    const boolean = lookUp(table.boolean, written) ?? lookUp(helpFlag, written);
    const name = valued ?? boolean ?? written;
    const known = valued !== undefined || boolean !== undefined;
    if (equals !== -1) {
      flags.push({ name, value: body.slice(equals + 1), raw: [token], known });
      index += 1;
    } else if (valued !== undefined) {
      const value = argv[index + 1];
      if (value === undefined) throw new HardrunError('argv', `flag needs an argument: ${token}`);
      flags.push({ name, value, raw: [token, value], known });
      index += 2;
    } else {
      flags.push({ name, value: undefined, raw: [token], known });
      index += 1;
    }
  }
  return { flags, next: index };
}

/** Every runc command takes `-h`/`--help` (urfave/cli adds it): it prints that command's help. */
const helpFlag: readonly (readonly string[])[] = [['help', 'h']];

function lookUp(names: readonly (readonly string[])[], written: string): string | undefined {
  for (const aliases of names) if (aliases.includes(written)) return aliases[0];
  return undefined;
}
