import type { PolicyDocument } from './generated/policy-document.js';
import { builtinBackends, builtinChecks, builtinHardening } from './builtin.js';
import { parseImageReference } from './image-reference.js';
import { mergeSettings, unmatchedRemovals } from './merge.js';

/** A problem in a policy document: where (a dotted path) and what. */
export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
}

type SemanticRule = (document: PolicyDocument) => PolicyProblem[];

const knownCapabilities = new Set([
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP',
  'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER',
  'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE',
  'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP',
  'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF',
  'CHECKPOINT_RESTORE',
]);

const backendNames = (document: PolicyDocument): Set<string> => new Set([...Object.keys(builtinBackends), ...Object.keys(document.backends ?? {})]);

const backendsExist: SemanticRule = document => {
  const known = backendNames(document);
  const problems: PolicyProblem[] = [];
  const check = (path: string, name: string | undefined): void => {
    if (name !== undefined && !known.has(name)) problems.push({ path, message: `names no backend: "${name}" (known: ${[...known].join(', ')})` });
  };
  check('defaultBackend', document.defaultBackend);
  check('sandboxBackend', document.sandboxBackend);
  (document.rules ?? []).forEach((rule, index) => check(`rules[${index}].backend`, rule.backend));
  return problems;
};

const sandboxIsASandbox: SemanticRule = document => {
  const name = document.sandboxBackend;
  if (name === undefined) return [];
  const kind = document.backends?.[name]?.kind ?? builtinBackends[name]?.kind ?? 'runc';
  return kind === 'runc' ? [{ path: 'sandboxBackend', message: `"${name}" shares the host kernel (kind runc): a sandbox backend must be runsc or kata` }] : [];
};

const sandboxModeHasABackend: SemanticRule = document => {
  if (document.sandboxBackend !== undefined) return [];
  const problems: PolicyProblem[] = [];
  const scan = (checks: Record<string, { mode?: string } | undefined> | undefined, at: string): void => {
    for (const [name, check] of Object.entries(checks ?? {})) {
      if (check?.mode === 'sandbox') problems.push({ path: `${at}.${name}.mode`, message: 'is "sandbox" but the policy names no sandboxBackend' });
    }
  };
  scan(document.checks as Record<string, { mode?: string }> | undefined, 'checks');
  (document.rules ?? []).forEach((rule, index) => scan(rule.checks as Record<string, { mode?: string }> | undefined, `rules[${index}].checks`));
  return problems;
};

const ruleNamesAreUnique: SemanticRule = document => {
  const seen = new Map<string, number>();
  const problems: PolicyProblem[] = [];
  (document.rules ?? []).forEach((rule, index) => {
    const first = seen.get(rule.name);
    if (first !== undefined) problems.push({ path: `rules[${index}].name`, message: `"${rule.name}" is already the name of rules[${first}]` });
    else seen.set(rule.name, index);
  });
  return problems;
};

/** The entries a list setting names, by path: the list itself, or its edit's `add` and `remove`. */
function listParts(value: readonly string[] | { add?: readonly string[]; remove?: readonly string[] } | undefined, at: string): [string, readonly string[]][] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return [[at, value]];
  const edit = value as { add?: readonly string[]; remove?: readonly string[] };
  return [[`${at}.add`, edit.add ?? []], [`${at}.remove`, edit.remove ?? []]];
}

const capabilitiesAreKnown: SemanticRule = document => {
  const problems: PolicyProblem[] = [];
  const check = (at: string, value: Parameters<typeof listParts>[0]): void => listParts(value, at).forEach(([path, names]) => {
    names.forEach((name, index) => {
      const bare = name.toUpperCase().replace(/^CAP_/, '');
      if (bare !== 'ALL' && !knownCapabilities.has(bare)) problems.push({ path: `${path}[${index}]`, message: `"${name}" is not a Linux capability` });
    });
  });
  const scanHardening = (hardening: PolicyDocument['hardening'], at: string): void => {
    check(`${at}.capabilities.allow`, hardening?.capabilities?.allow);
    check(`${at}.capabilities.never`, hardening?.capabilities?.never);
  };
  scanHardening(document.hardening, 'hardening');
  (document.rules ?? []).forEach((rule, index) => {
    scanHardening(rule.hardening, `rules[${index}].hardening`);
    check(`rules[${index}].match.capabilities`, rule.match.capabilities);
  });
  return problems;
};

const pathsAreAbsolute: SemanticRule = document => {
  const problems: PolicyProblem[] = [];
  const check = (at: string, value: Parameters<typeof listParts>[0]): void => listParts(value, at).forEach(([path, paths]) => {
    paths.forEach((item, index) => {
      if (!item.startsWith('/')) problems.push({ path: `${path}[${index}]`, message: `"${item}" must be an absolute path` });
    });
  });
  check('hardening.rootfs.writablePaths', document.hardening?.rootfs?.writablePaths);
  check('checks.sensitiveMounts.paths', document.checks?.sensitiveMounts?.paths);
  check('checks.sensitiveMounts.allow', document.checks?.sensitiveMounts?.allow);
  (document.rules ?? []).forEach((rule, index) => check(`rules[${index}].match.mounts`, rule.match.mounts));
  if (document.audit?.file !== undefined && !document.audit.file.startsWith('/')) {
    problems.push({ path: 'audit.file', message: `"${document.audit.file}" must be an absolute path` });
  }
  return problems;
};

/**
 * A `remove` names entries of the list it edits: the built-in list at the
 * top level, the top level's list in a rule. One it does not hold would be
 * a silent no-op, and a typo in `capabilities.allow.remove` would leave a
 * capability allowed.
 */
const removalsMatch: SemanticRule = document => {
  const topHardening = mergeSettings(builtinHardening, document.hardening);
  const topChecks = mergeSettings(builtinChecks, document.checks);
  const found = [
    ...unmatchedRemovals(builtinHardening, document.hardening, 'hardening'),
    ...unmatchedRemovals(builtinChecks, document.checks, 'checks'),
    ...(document.rules ?? []).flatMap((rule, index) => [
      ...unmatchedRemovals(topHardening, rule.hardening, `rules[${index}].hardening`),
      ...unmatchedRemovals(topChecks, rule.checks, `rules[${index}].checks`),
    ]),
  ];
  return found.map(({ path, item }) => ({
    path,
    message: `${JSON.stringify(item)} is not in the list it edits (${path.startsWith('rules') ? 'the top-level one' : 'the built-in one'}); write the entry as \`hardrun policy show\` prints it`,
  }));
};

const imagesAreReferences: SemanticRule = document => (document.rules ?? []).flatMap((rule, index) =>
  (rule.match.image ?? []).flatMap((text, item) => parseImageReference(text) === undefined
    ? [{ path: `rules[${index}].match.image[${item}]`, message: `"${text}" is not an image reference ([registry/]name[:tag][@sha256:digest], or sha256:digest)` }]
    : []));

/** The semantic rules, run once the document has passed the schema. */
export const semanticRules: readonly SemanticRule[] = [
  backendsExist,
  sandboxIsASandbox,
  sandboxModeHasABackend,
  ruleNamesAreUnique,
  capabilitiesAreKnown,
  pathsAreAbsolute,
  removalsMatch,
  imagesAreReferences,
];

export function checkSemantics(document: PolicyDocument): PolicyProblem[] {
  return semanticRules.flatMap(rule => rule(document));
}
