import { basename, resolve } from 'node:path';
import { callerOf } from '../host/facts.js';
import { hostIdPool } from '../host/subid.js';
import { previewSlot } from '../state/id-slots.js';
import type { Admission } from '../policy/admit.js';
import { builtinChecks, builtinHardening } from '../policy/builtin.js';
import type { Decision } from '../policy/decide.js';
import { loadPolicy } from '../policy/load.js';
import { describeImage, imageOf, namedImage } from '../policy/image.js';
import type { Policy } from '../policy/policy.js';
import { describeTrials, tryRules, type RuleTrial } from '../policy/why.js';
import { admitBundle, readCallerSpec } from '../runtime/admission.js';
import { podOf } from '../state/pod.js';
import { defaultRoot } from '../runtime/call.js';
import { diffJson, formatChanges, type JsonChange } from './json-diff.js';

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
 * without running or writing anything: the same admission as create's, for
 * a create with the same `--root` (runc's default when none is given).
 * Exit 0 when it would run, 1 when it would be refused.
 */
export async function explain(args: ExplainArgs): Promise<number> {
  const bundle = resolve(args.bundle ?? '.');
  const policy = await loadPolicy(args.policy, process.env);
  const root = args.root ?? defaultRoot;
  const target = {
    id: args.id ?? basename(bundle), bundle, root, caller: callerOf(root),
    ...(args.image === undefined ? {} : { image: namedImage(args.image, 'explain --image') }),
  };
  // A pod's container is explained as create would run it: in its sandbox's user namespace, or refused.
  const caller = readCallerSpec(bundle);
  const { subject, original, admission } = admitBundle(policy, target, { pool: hostIdPool(), pick: previewSlot, pod: podOf(caller.spec, root) }, caller);
  const why = { image: imageOf(subject), trials: tryRules(policy, subject) };
  const changes = await diffJson(original.spec, admission.spec);
  if (args.json === true) {
    process.stdout.write(`${JSON.stringify({ ...explanationJson(policy, admission, changes), ...why }, null, 2)}\n`);
  } else {
    process.stdout.write(explanationText(policy, admission, formatChanges(changes), why));
  }
  return admission.refusals.length === 0 ? 0 : 1;
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

function explanationJson(policy: Policy, admission: Admission, changes: readonly JsonChange[]): object {
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
