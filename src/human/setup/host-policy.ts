import { checkUnits } from '../../checks/units.js';
import { HardrunError } from '../../errors.js';
import { transformUnits } from '../../harden/units.js';
import { sha256Hex } from '../../host/digest.js';
import { policyFromText } from '../../policy/check.js';
import { defaultPolicyPath } from '../../policy/load.js';
import { keepBackup, readOptional, removeFile, replaceFile } from './files.js';


/** Where the audit log of a policy setup writes goes, unless the operator's policy says otherwise. */
export const defaultAuditFile = '/var/log/hardrun/audit.jsonl';

/**
 * The policy `setup --watch` installs: every transform and every check in
 * audit mode, made from the lists of units, so that a new one is watched
 * too. hardrun then changes and refuses nothing, and the audit log says
 * what the built-in policy would have done. `learn` adds what each
 * container needs (hardening.rootfs.learn), at its own cost.
 */
export function watchPolicyText(learn: boolean, auditFile: string = defaultAuditFile): string {
  const lines = [
    '# Installed by hardrun setup --watch: everything is watched, nothing enforced.',
    '# hardrun setup docker --remove puts back what was here before.',
    'version: 1',
    `audit: { file: ${auditFile} }`,
    'hardening:',
    ...transformUnits.map(unit => `  ${unit.name}: { mode: audit${learn && unit.name === 'rootfs' ? ', learn: true' : ''} }`),
    'checks:',
    ...checkUnits.map(unit => `  ${unit.name}: { mode: audit }`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The options of setup docker and setup containerd that install the host's policy. */
export interface HostPolicyArgs {
  /** Install the watch-only policy as the host's (every transform and check in audit). */
  readonly watch?: boolean;
  /** With --watch: learn what each container needs, for hardrun suggest and report. */
  readonly learn?: boolean;
  /** Install this policy file as the host's. */
  readonly policy?: string;
  /** Where the host's policy is (tests use a temporary one). */
  readonly hostPolicy?: string;
  /** Where the watch-only policy writes its audit log. */
  readonly auditLog?: string;
}

/** The policy --watch, --learn or --policy asks setup (docker or containerd) to install, if any. */
export function policyToInstall(args: HostPolicyArgs): { text: string; what: string } | undefined {
  if (args.policy !== undefined && (args.watch === true || args.learn === true)) {
    throw new HardrunError('setup', '--policy installs the file it names, --watch and --learn the watch-only policy: give one or the other');
  }
  if (args.policy !== undefined) {
    const text = readOptional(args.policy);
    if (text === undefined) throw new HardrunError('setup', `the policy ${args.policy} does not exist; nothing was changed`);
    return { text, what: `the policy ${args.policy}` };
  }
  if (args.watch === true || args.learn === true) {
    return { text: watchPolicyText(args.learn === true, args.auditLog), what: `the watch-only policy${args.learn === true ? ', learning what each container needs' : ''}` };
  }
  return undefined;
}

/** What setup remembers of the policy it installed: the digest of its text, beside it. */
function stampOf(target: string): string {
  return `${target}.hardrun-setup`;
}

/**
 * Installs `text` as the host's policy (/etc/hardrun/policy.yaml), which
 * every hardrun call reads, once it passes `policy check`. The file that
 * was there is kept, byte for byte, for --remove; a second run with the
 * same text writes nothing.
 */
export async function installHostPolicy(text: string, what: string, say: (line: string) => void, target: string = defaultPolicyPath): Promise<void> {
  try {
    await policyFromText(text, what);
  } catch (error) {
    throw new HardrunError('setup', `${(error as Error).message}; nothing was changed`, { cause: error });
  }
  const current = readOptional(target);
  if (current === text) {
    say(`${target}: already holds ${what}; nothing changed`);
    return;
  }
  if (readOptional(stampOf(target)) === undefined) {
    const backup = keepBackup(target, current);
    if (backup !== undefined) say(`${target}: the previous policy is kept as ${backup}`);
  }
  replaceFile(target, text, 0o644);
  replaceFile(stampOf(target), `${sha256Hex(text)}\n`, 0o644);
  say(`${target}: installed ${what}; every hardrun call on this host follows it`);
}

/**
 * Takes back the policy setup installed: the file that was there before,
 * byte for byte, or none when there was none. A policy edited since setup
 * is the operator's now: it stays, and setup says so.
 */
export function removeHostPolicy(say: (line: string) => void, target: string = defaultPolicyPath): void {
  const stamp = readOptional(stampOf(target));
  if (stamp === undefined) return;
  const current = readOptional(target);
  const backupPath = `${target}.hardrun-backup`;
  const backup = readOptional(backupPath);
  if (current !== undefined && `${sha256Hex(current)}\n` !== stamp) {
    say(`${target}: changed since setup installed it, so it stays as it is${backup === undefined ? '' : ` (the policy from before setup is in ${backupPath})`}`);
    removeFile(stampOf(target));
    return;
  }
  if (backup === undefined) {
    removeFile(target);
    say(`${target}: removed (setup installed it; there was none before)`);
  } else {
    replaceFile(target, backup);
    removeFile(backupPath);
    say(`${target}: restored from ${backupPath}, byte for byte`);
  }
  removeFile(stampOf(target));
}
