import { basename, resolve } from 'node:path';
import { readJsonFile } from '../bundle/spec-file.js';
import { callerOf, hostFacts } from '../host/facts.js';
import { hostIdPool } from '../host/subid.js';
import { previewSlot } from '../state/id-slots.js';
import { admitSpec, type Admission } from '../policy/admit.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';
import { asSpec } from '../bundle/spec-shape.js';
import { diffJson, formatChanges } from './json-diff.js';

export interface ExplainArgs {
  readonly bundle?: string;
  readonly policy?: string;
  readonly id?: string;
  readonly root?: string;
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
  const configPath = `${bundle}/config.json`;
  const spec = asSpec(readJsonFile(configPath, 'config.json').value, configPath);
  const id = args.id ?? basename(bundle);
  const admission = admitSpec(
    policy,
    { id, spec, caller: args.root === undefined ? '' : callerOf(args.root), host: hostFacts, origin: { bundle, root: args.root }, defaultDevices: policy.hardening.devices.allow },
    { pool: hostIdPool(), pick: previewSlot },
  );
  const changes = diffJson(spec, admission.spec);
  if (args.json === true) {
    process.stdout.write(`${JSON.stringify(explanationJson(policy, admission, changes), null, 2)}\n`);
  } else {
    process.stdout.write(explanationText(policy, admission, formatChanges(changes)));
  }
  return admission.refusals.length === 0 ? 0 : 1;
}

function explanationText(policy: Policy, admission: Admission, diff: string): string {
  const lines = [
    `policy:   ${policy.source}`,
    `rule:     ${admission.decision.rule}`,
    `backend:  ${admission.backend.name} (${admission.backend.kind}: ${[admission.backend.path, ...admission.backend.args].join(' ')})`,
    `verdict:  ${admission.refusals.length === 0 ? 'would run' : 'REFUSED'}`,
  ];
  if (admission.refusals.length > 0) lines.push('', 'refused because:', ...admission.refusals.map(reason => `  - ${reason}`));
  const noted = admission.judged.filter(item => item.mode !== 'enforce');
  if (noted.length > 0) {
    lines.push('', 'checks:', ...noted.map(({ violation, mode }) => `  - [${mode}] ${violation.path}: ${violation.message} (check ${violation.check})`));
  }
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
    changes,
  };
}
