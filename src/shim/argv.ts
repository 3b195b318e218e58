/**
 * A containerd shim v2 command line, parsed the way Go's flag package reads
 * it: `-name value`, `-name=value` or `--name`, up to the first argument that
 * is not a flag (the action: `start`, `delete`). containerd 1.6 sends
 * `-namespace NS -address A -publish-binary B -id ID [-debug] start`, and
 * `... -id ID -bundle DIR delete`; newer ones may add flags, which are kept.
 */
export interface ShimArgv {
  readonly namespace?: string;
  readonly id?: string;
  readonly bundle?: string;
  readonly address?: string;
  readonly publishBinary?: string;
  /** `start`, `delete`, or undefined for flag-only calls such as `-v` or `-info`. */
  readonly action?: string;
}

const valued = new Set(['namespace', 'address', 'publish-binary', 'id', 'bundle', 'socket']);

export function parseShimArgv(argv: readonly string[]): ShimArgv {
  const values = new Map<string, string>();
  let index = 0;
  for (let token = argv[index]; token !== undefined; token = argv[index]) {
    if (token === '--') {
      index += 1;
      break;
    }
    if (!token.startsWith('-') || token === '-') break;
    const body = token.replace(/^--?/, '');
    const equals = body.indexOf('=');
    const name = equals === -1 ? body : body.slice(0, equals);
    const next = argv[index + 1];
    if (equals !== -1) values.set(name, body.slice(equals + 1));
    else if (valued.has(name) && next !== undefined) {
      values.set(name, next);
      index += 1;
    }
    index += 1;
  }
  const pick = (name: string): Record<string, string> => {
    const value = values.get(name);
    return value === undefined ? {} : { [name === 'publish-binary' ? 'publishBinary' : name]: value };
  };
  return {
    ...pick('namespace'), ...pick('id'), ...pick('bundle'), ...pick('address'), ...pick('publish-binary'),
    ...(argv[index] === undefined ? {} : { action: argv[index] }),
  };
}
