import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** The watch-only policy exactly as docs/policy.md gives it, its audit log at `auditFile`. */
export async function watchOnlyPolicyYaml(auditFile: string): Promise<string> {
  const doc = await readFile('docs/policy.md', 'utf8');
  const section = doc.slice(doc.indexOf('### Watch only'));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (yaml === undefined) throw new Error('docs/policy.md has no watch-only policy');
  return yaml.replace(/^audit: .*$/m, `audit: { file: ${auditFile} }`);
}

/** The same, as the object a policy launcher writes. */
export async function watchOnlyPolicy(auditFile: string): Promise<Record<string, unknown>> {
  return parse(await watchOnlyPolicyYaml(auditFile)) as Record<string, unknown>;
}
