import type { SourceFacts } from './source-facts.js';
import type { HelpText } from './help-text.js';

/**
 * hardrun(8), made of the command line's own help (src/packaging/help-text.ts)
 * set verbatim, and around it only what help does not say: what the files
 * are, where the policy is, where to read on.
 */
export function renderManPage(help: HelpText, facts: SourceFacts): string {
  const date = new Date(facts.epoch * 1000).toISOString().slice(0, 10);
  return [
    `.TH HARDRUN 8 "${date}" "hardrun ${facts.version}" "System Administration"`,
    '.SH NAME',
    'hardrun, containerd\\-shim\\-hardrun\\-v2 \\- a hardening OCI runtime for Docker and containerd',
    '.SH SYNOPSIS',
    '.B hardrun',
    '.RI [ global\\-options ] " runc\\-command " [ options ] " container\\-id"',
    '.br',
    '.B hardrun',
    '.I command',
    '.RI [ options ]',
    '.br',
    '.B containerd\\-shim\\-hardrun\\-v2',
    '.RI [ shim\\-options ] " start" | delete',
    '.SH DESCRIPTION',
    '.B hardrun',
    'speaks the command line of',
    '.BR runc (8),',
    'so that Docker and containerd call it as they call runc.',
    'On',
    '.B create',
    'and',
    '.B run',
    'it hardens the bundle\'s',
    '.I config.json',
    'by its policy, then hands the call to the backend runtime the policy chooses',
    '(runc, crun, runsc, or another runc\\-compatible runtime);',
    'every later call for that container reaches the same backend.',
    '.PP',
    '.B containerd\\-shim\\-hardrun\\-v2',
    'is a containerd shim v2 front: it hardens the bundle when containerd starts the shim,',
    'then hands over to the shim the policy chooses (runc\'s, or Kata\'s).',
    '.PP',
    'The commands below are for people; the text of each is what',
    '.B hardrun',
    '.I command',
    '.B \\-\\-help',
    'prints.',
    '.SH OVERVIEW',
    ...verbatim(help.overview),
    '.SH COMMANDS',
    ...help.commands.flatMap(command => [`.SS ${escapeLine(`hardrun ${command.name}`)}`, ...verbatim(command.text)]),
    '.SH FILES',
    '.TP',
    '.I /etc/hardrun/policy.yaml',
    'The policy, unless',
    '.B \\-\\-policy',
    'or',
    '.B HARDRUN_POLICY',
    'names another; without one, the built\\-in policy applies.',
    '.TP',
    '.I /usr/share/doc/hardrun/examples/policy.yaml',
    'The built\\-in policy as a file, every default filled in: a start for your own.',
    '.TP',
    '.I /usr/libexec/hardrun/hardrun\\-engine',
    'The engine: every command in full.',
    '.B hardrun',
    'is a short shell launcher that runs a container\'s backend itself for the calls',
    'that need no spec work, and this engine for everything else.',
    '.TP',
    '.I /usr/libexec/hardrun/runc\\-path/runc',
    'A link to the launcher, put first on the PATH of containerd\'s runc shim by the shim front.',
    '.SH ENVIRONMENT',
    '.TP',
    '.B HARDRUN_POLICY',
    'The policy file, when',
    '.B \\-\\-policy',
    'is not given.',
    '.SH SEE ALSO',
    '.BR runc (8),',
    '.BR crun (1),',
    '.BR runsc (1),',
    '.BR dockerd (8),',
    '.BR containerd (8).',
    'The documents in',
    '.IR /usr/share/doc/hardrun/ .',
    '',
  ].join('\n');
}

/** Text shown as it is printed: no filling, every line escaped. */
function verbatim(text: string): string[] {
  return ['.PP', '.nf', ...text.replace(/\n+$/, '').split('\n').map(escapeLine), '.fi'];
}

/** A line roff prints as it reads: backslashes and hyphens escaped, a leading . or ' made literal. */
function escapeLine(line: string): string {
  const escaped = line.replace(/\\/g, '\\e').replace(/-/g, '\\-');
  return /^[.']/.test(escaped) ? `\\&${escaped}` : escaped;
}
