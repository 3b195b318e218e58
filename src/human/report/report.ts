import { builtinPolicy } from '../../policy/builtin.js';
import { policyFromText } from '../../policy/check.js';
import { writeFileAtomic } from '../../host/atomic-file.js';
import { HardrunError } from '../../errors.js';
import { defaultAuditFile } from '../setup/host-policy.js';
import { aggregate } from './aggregate.js';
import { reportPolicyText, reportRules } from './policy-file.js';
import { readAuditLogs } from './read-logs.js';
import { renderJson, renderMarkdown, renderTable } from './render.js';

export interface ReportArgs {
  readonly logs?: readonly string[];
  readonly format?: string;
  readonly writePolicy?: string;
  readonly auditLog?: string;
}

/**
 * `hardrun report [LOG|DIR|-]...`: what the containers in audit logs
 * (one host's, or many gathered) would meet under the built-in policy, per
 * image, and with --write-policy one policy that enforces it with a rule
 * for each image that needs one. Needs are judged against the built-in
 * policy, whatever policy the logs were written under: it is what the
 * written policy starts from.
 */
export async function runReport(args: ReportArgs): Promise<number> {
  const inputs = args.logs === undefined || args.logs.length === 0 ? [defaultAuditFile] : args.logs;
  const read = await readAuditLogs(inputs);
  const base = { writablePaths: builtinPolicy.hardening.rootfs.writablePaths, allow: builtinPolicy.hardening.capabilities.allow, never: builtinPolicy.hardening.capabilities.never };
  const report = aggregate(read.lines, base, read.skipped);
  const render = args.format === 'json' ? renderJson : args.format === 'markdown' ? renderMarkdown : renderTable;
  process.stdout.write(render(report));
  if (args.writePolicy !== undefined) {
    const text = reportPolicyText(report, args.auditLog === 'none' ? undefined : args.auditLog ?? defaultAuditFile);
    try {
      // The file is written only once it is a policy every hardrun call accepts.
      await policyFromText(text, args.writePolicy);
    } catch (error) {
      throw new HardrunError('report', `the policy the report made does not pass policy check, so ${args.writePolicy} was not written: ${(error as Error).message}`, { cause: error });
    }
    writeFileAtomic(args.writePolicy, text, 0o644);
    const rules = reportRules(report);
    // On stderr for json and markdown, whose stdout is a document of its own.
    const say = args.format === 'json' || args.format === 'markdown' ? process.stderr : process.stdout;
    say.write(`${args.writePolicy}: the built-in policy and ${rules.length} rule${rules.length === 1 ? '' : 's'} (${rules.map(rule => rule.name).join(', ') || 'none needed'}); check it with hardrun policy check ${args.writePolicy}\n`);
  }
  return 0;
}
