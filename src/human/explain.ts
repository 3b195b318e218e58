import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readJsonFile } from '../bundle/spec-file.js';
import { stagingBase } from '../bundle/staging.js';
import { callerOf, hostFacts } from '../host/facts.js';
import { hostIdPool } from '../host/subid.js';
import { previewSlot } from '../state/id-slots.js';
import { admitSpec, type Admission } from '../policy/admit.js';
import { builtinChecks, builtinHardening } from '../policy/builtin.js';
import type { Decision } from '../policy/decide.js';
import { loadPolicy } from '../policy/load.js';
import { describeImage, imageOf, namedImage } from '../policy/image.js';
import type { Subject } from '../policy/match.js';
import type { Policy } from '../policy/policy.js';
import { describeTrials, tryRules, type RuleTrial } from '../policy/why.js';
import { asSpec } from '../bundle/spec-shape.js';
import { diffJson, formatChanges } from './json-diff.js';

export interface ExplainArgs {
  readonly bundle?: string;
  readonly policy?: string;
  readonly id?: string;
  readonly root?: string;
  readonly image?: string;
  readonly json?: boolean;
}

/**
 * `hardrun explain --bundle DIR`: what `create` would decide for a bundle,
 * without running or writing anything. Exit 0 when it would run, 1 when
 * it would be refused.
 */
export async function explain(args: ExplainArgs): Promise<number> {
  const bundle = resolve(args.bundle ?? '.');
  const policy = await loadPolicy(args.policy, process.env);
  const configPath = callerConfigPath(bundle);
  const spec = asSpec(readJsonFile(configPath, 'config.json').value, configPath);
  const id = args.id ?? basename(bundle);
  const subject: Subject = {
    id, spec, bundle, caller: args.root === undefined ? '' : callerOf(args.root), host: hostFacts, origin: { bundle, root: args.root }, defaultDevices: policy.hardening.devices.allow,
    ...(args.image === undefined ? {} : { image: namedImage(args.image, 'explain --image') }),
  };
  const admission = admitSpec(policy, subject, { pool: hostIdPool(), pick: previewSlot });
  const why = { image: imageOf(subject), trials: tryRules(policy, subject) };
  const changes = diffJson(spec, admission.spec);
  if (args.json === true) {
    process.stdout.write(`${JSON.stringify({ ...explanationJson(policy, admission, changes), ...why }, null, 2)}\n`);
  } else {
    process.stdout.write(explanationText(policy, admission, formatChanges(changes), why));
  }
  return admission.refusals.length === 0 ? 0 : 1;
}

/**
 * The config.json the caller wrote: for a container hardrun already
 * created, whose config.json points into a staging directory, the original
 * kept beside it.
 */
function callerConfigPath(bundle: string): string {
  const current = `${bundle}/config.json`;
  const rootPath = (readJsonFile(current, 'config.json').value as { root?: { path?: unknown } } | null)?.root?.path;
  const ours = typeof rootPath === 'string' && rootPath.startsWith(`${stagingBase}/`);
  return ours && existsSync(`${bundle}/config.orig.json`) ? `${bundle}/config.orig.json` : current;
}

function explanationText(policy: Policy, admission: Admission, diff: string, why: { image: ReturnType<typeof imageOf>; trials: RuleTrial[] }): string {
  const lines = [
    `policy:   ${policy.source}`,
    `image:    ${describeImage(why.image)}`,
    `rule:     ${admission.decision.rule}`,
    ...describeTrials(why.trials).map(line => `          ${line}`),
    `backend:  ${admission.backend.name} (${admission.backend.kind}: ${[admission.backend.path, ...admission.backend.args].join(' ')})`,
    `verdict:  ${admission.refusals.length === 0 ? 'would run' : 'REFUSED'}`,
  ];
  if (admission.refusals.length > 0) lines.push('', 'refused because:', ...admission.refusals.map(reason => `  - ${reason}`));
  const noted = admission.judged.filter(item => item.mode !== 'enforce');
  if (noted.length > 0) {
    lines.push('', 'checks:', ...noted.map(({ violation, mode }) => `  - [${mode}] ${violation.path}: ${violation.message} (check ${violation.check})`));
  }
  const lists = listsBeyondBuiltin(admission.decision);
  if (lists.length > 0) lines.push('', 'lists (where they differ from the built-in ones; hardrun policy show prints every one):', ...lists);
  if (admission.findings.length > 0) {
    lines.push('', 'hardening:', ...admission.findings.map(finding => `  - [${finding.action}] ${finding.path}: ${finding.message} (${finding.rule})`));
  }
  lines.push('', 'changes to config.json:', diff === '' ? '  (none)' : diff.split('\n').map(line => `  ${line}`).join('\n'));
  return `${lines.join('\n')}\n`;
}

function explanationJson(policy: Policy, admission: Admission, changes: ReturnType<typeof diffJson>): object {
  return {
    policy: policy.source,
    rule: admission.decision.rule,
    backend: admission.backend,
    allowed: admission.refusals.length === 0,
    refusals: admission.refusals,
    checks: admission.judged.map(({ violation, mode }) => ({ check: violation.check, path: violation.path, message: violation.message, mode })),
    findings: admission.findings,
    settings: { hardening: admission.decision.hardening, checks: admission.decision.checks },
    changes,
  };
}

/** Each list setting of the decision that is not the built-in one, with what was added and removed. */
function listsBeyondBuiltin(decision: Decision): string[] {
  const sections: [string, object, object][] = [['hardening', decision.hardening, builtinHardening], ['checks', decision.checks, builtinChecks]];
  const lines: string[] = [];
  for (const [section, settings, builtin] of sections) {
    for (const [unit, values] of Object.entries(settings) as [string, Record<string, unknown>][]) {
      const defaults = (builtin as Record<string, Record<string, unknown> | undefined>)[unit] ?? {};
      for (const [key, value] of Object.entries(values)) {
        const base = defaults[key];
        if (!Array.isArray(value) || !Array.isArray(base)) continue;
        const shown = value.map(describeItem);
        const builtinShown = base.map(describeItem);
        const added = shown.filter(item => !builtinShown.includes(item)).map(item => `+${item}`);
        const removed = builtinShown.filter(item => !shown.includes(item)).map(item => `-${item}`);
        if (added.length + removed.length === 0) continue;
        lines.push(`  ${section}.${unit}.${key}: ${shown.length === 0 ? '(empty)' : shown.join(', ')} (built-in ${[...added, ...removed].join(' ')})`);
      }
    }
  }
  return lines;
}

function describeItem(item: unknown): string {
  if (typeof item === 'string') return item;
  const device = item as { type?: unknown; major?: unknown; minor?: unknown };
  return typeof device.type === 'string' && typeof device.major === 'number' && typeof device.minor === 'number' ? `${device.type} ${String(device.major)}:${String(device.minor)}` : JSON.stringify(item);
}
