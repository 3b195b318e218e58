import { needsNothing, ruleEntry } from '../../learn/rule.js';
import { yamlPath } from '../../learn/quote.js';
import type { Aggregate, ImageSummary } from './aggregate.js';

/** One rule the report writes: an image that needs more than the built-in policy gives. */
export interface ReportRule {
  readonly name: string;
  readonly image: string;
  readonly match: string;
  readonly summary: ImageSummary;
}

/**
 * The rules to write, one per image whose learned containers need
 * something and that a rule can name; each named after its image's last
 * path component (made unique), in the report's order.
 */
export function reportRules(report: Aggregate): ReportRule[] {
  const taken = new Set<string>();
  const rules: ReportRule[] = [];
  for (const summary of report.images) {
    if (summary.match === undefined || needsNothing(summary.needs)) continue;
    const stem = summary.match.split('@')[0]?.split('/').pop()?.replace(/:/g, '-') ?? 'image';
    let name = stem;
    for (let n = 2; taken.has(name); n += 1) name = `${stem}-${n}`;
    taken.add(name);
    rules.push({ name, image: summary.image, match: summary.match, summary });
  }
  return rules;
}

/**
 * The policy that enforces everything the built-in policy does, with one
 * rule per image that needs one: every hardening and check at its
 * built-in default (the file names none of them), the rules adding to the
 * writable paths and the capability allowlist, nothing else. What the
 * checks would refuse is not allowed here: turning a check off for an
 * image is a decision for a person (the report lists them).
 */
export function reportPolicyText(report: Aggregate, auditFile: string | undefined): string {
  const rules = reportRules(report);
  const hosts = new Set(report.images.flatMap(image => image.hosts));
  const lines = [
    `# Written by hardrun report from ${report.records} audit records of ${hosts.size} host${hosts.size === 1 ? '' : 's'}:`,
    '# the built-in policy, and one rule for each image that needs more than it gives.',
    '# Check it with hardrun policy check FILE; enforce it with hardrun setup docker --default --policy FILE.',
    'version: 1',
    ...(auditFile === undefined ? [] : [`audit: { file: ${yamlPath(auditFile)} }`]),
  ];
  if (rules.length > 0) lines.push('rules:');
  for (const rule of rules) {
    const hostCount = rule.summary.hosts.length;
    lines.push(`  # ${rule.summary.learned} of ${rule.summary.containers} container${rule.summary.containers === 1 ? '' : 's'} learned, on ${hostCount} host${hostCount === 1 ? '' : 's'}`);
    lines.push(...ruleEntry(rule.name, rule.match, rule.summary.needs));
  }
  return `${lines.join('\n')}\n`;
}
