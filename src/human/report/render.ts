import { needsNothing } from '../../learn/rule.js';
import { printable } from '../../learn/quote.js';
import type { Aggregate, Count, ImageSummary } from './aggregate.js';
import { reportRules } from './policy-file.js';

/**
 * The report, for a terminal (a table, then what each image meets), for a
 * change review (markdown) or for a program (JSON). Every string from a
 * log (an image, a host, a path, a program, a check's sentence) came from
 * a container or its host: it is shown printable, one line, and in
 * markdown inside a code span it cannot leave.
 */

/** One word for what the image meets under enforcement. */
export function verdictOf(image: ImageSummary): string {
  if (image.refusedBy.length > 0) return 'refused';
  if (!needsNothing(image.needs)) return image.match === undefined ? 'needs a rule (unknown image)' : 'runs with its rule';
  if (image.learned === 0) return 'runs (not learned)';
  return 'runs hardened';
}

/** What the image's rule adds, in a few words. */
export function addsOf(image: ImageSummary): string {
  const parts = [
    ...(image.needs.writablePaths.length === 0 ? [] : [`writable ${image.needs.writablePaths.join(' ')}`]),
    ...(image.needs.capabilities.length === 0 ? [] : [`caps ${image.needs.capabilities.join(' ')}`]),
  ];
  return parts.length === 0 ? '-' : parts.join('; ');
}

export function renderTable(report: Aggregate): string {
  const header = ['IMAGE', 'CONTAINERS', 'HOSTS', 'LEARNED', 'UNDER ENFORCEMENT', 'RULE ADDS'];
  const rows = report.images.map(image => [printable(image.image), String(image.containers), String(image.hosts.length), String(image.learned), verdictOf(image), printable(addsOf(image))]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const out = [line(header), ...rows.map(line), ''];
  for (const image of report.images) out.push(...details(image, text => printable(text)), '');
  out.push(footer(report));
  return `${out.join('\n')}\n`;
}

export function renderMarkdown(report: Aggregate): string {
  const code = (text: string): string => `\`${printable(text).replace(/`/g, '\'')}\``;
  const out = [
    '# hardrun report',
    '',
    '| Image | Containers | Hosts | Learned | Under enforcement | Rule adds |',
    '|---|---:|---:|---:|---|---|',
    ...report.images.map(image => `| ${code(image.image)} | ${image.containers} | ${image.hosts.length} | ${image.learned} | ${verdictOf(image)} | ${addsOf(image) === '-' ? '-' : code(addsOf(image)).replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const image of report.images) {
    out.push(`## ${code(image.image)}`, '');
    out.push(...details(image, code).slice(1).map(line => `- ${line.trim()}`), '');
  }
  out.push(footer(report));
  return `${out.join('\n')}\n`;
}

export function renderJson(report: Aggregate): string {
  const rules = new Map(reportRules(report).map(rule => [rule.image, rule]));
  return `${JSON.stringify({
    records: report.records,
    skipped: report.skipped,
    images: report.images.map(image => ({
      ...image,
      verdict: verdictOf(image),
      rule: rules.has(image.image) ? { name: rules.get(image.image)?.name, match: image.match, writablePaths: image.needs.writablePaths, capabilities: image.needs.capabilities } : null,
    })),
  }, null, 2)}\n`;
}

/** What an image meets, line by line; the first line names it. */
function details(image: ImageSummary, show: (text: string) => string): string[] {
  const hosts = image.hosts.slice(0, 8).map(show).join(', ') + (image.hosts.length > 8 ? `, and ${image.hosts.length - 8} more` : '');
  const counted = (counts: readonly Count[]): string => counts.map(count => `${show(count.what)} (${count.containers})`).join(', ');
  const lines = [
    `${show(image.image)}: ${image.containers} container${image.containers === 1 ? '' : 's'} on ${image.hosts.length} host${image.hosts.length === 1 ? '' : 's'} (${hosts}), ${image.learned} learned`,
    `  unchanged by the built-in policy: ${image.unchanged}`,
    `  changed by: ${image.changedBy.length === 0 ? 'nothing' : counted(image.changedBy)}`,
    `  refused by: ${image.refusedBy.length === 0 ? 'nothing' : counted(image.refusedBy)}`,
  ];
  if (image.refusedBy.length > 0) lines.push('  the written policy does not allow what a check refuses: a rule of your own must (a check\'s mode, or the sandbox)');
  if (image.needs.writablePaths.length > 0) lines.push(`  it writes outside the writable paths: ${image.needs.writablePaths.map(show).join(', ')}`);
  const programs = (cap: string): string => (image.programs[cap] ?? []).map(show).join(', ') || 'programs unknown';
  for (const cap of image.needs.capabilities) lines.push(`  it was refused ${show(cap)} (${programs(cap)})`);
  for (const cap of image.needs.neverGranted) lines.push(`  it was refused ${show(cap)} (${programs(cap)}), which hardrun never grants under runc: no rule adds it (it does without, or belongs in the sandbox)`);
  for (const note of image.notes) lines.push(`  note: ${show(note)}`);
  return lines;
}

function footer(report: Aggregate): string {
  const skipped = report.skipped === 1 ? '1 line that is no audit record skipped' : `${report.skipped} lines that are no audit record skipped`;
  return `${report.records} record${report.records === 1 ? '' : 's'} read${report.skipped === 0 ? '' : `, ${skipped}`}`;
}
