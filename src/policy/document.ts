import type { PolicyDocument } from './generated/policy-document.js';
import type { Policy } from './policy.js';

/**
 * A policy as a policy file that loads to the same decisions: the
 * top-level settings complete (every list as it applies, the built-in
 * defaults filled in), every backend declared, and the rules as written,
 * since a rule's list edits apply to those top-level lists.
 */
export function documentOf(policy: Policy): PolicyDocument {
  return {
    version: 1,
    defaultBackend: policy.defaultBackend,
    ...(policy.sandboxBackend === undefined ? {} : { sandboxBackend: policy.sandboxBackend }),
    backends: Object.fromEntries(Object.values(policy.backends).map(backend => [backend.name, { path: backend.path, kind: backend.kind, args: [...backend.args] }])),
    ...(policy.audit.file === undefined ? {} : { audit: { file: policy.audit.file } }),
    hardening: policy.hardening as PolicyDocument['hardening'],
    checks: policy.checks as PolicyDocument['checks'],
    rules: policy.rules.map(({ userControlled: _userControlled, ...rule }) => rule),
  };
}

/** The document as YAML, under a comment that says where it came from. */
export async function policyYaml(policy: Policy): Promise<string> {
  const { stringify } = await import('yaml');
  const header = `# The policy in force (${policy.source === 'built-in' ? 'the built-in one' : `from ${policy.source}`}), every default filled in.\n`;
  return header + stringify(documentOf(policy), { aliasDuplicateObjects: false, lineWidth: 0 });
}
