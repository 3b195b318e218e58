import { readFileSync } from 'node:fs';
import { decide } from '../policy/decide.js';
import { describeImage, namedImage } from '../policy/image.js';
import { checkPolicyText, formatProblem } from '../policy/check.js';
import { policyYaml } from '../policy/document.js';
import { loadPolicy } from '../policy/load.js';
import type { Subject } from '../policy/match.js';
import { describeTrials, tryRules } from '../policy/why.js';

export interface PolicyArgs {
  readonly action?: string;
  readonly file?: string;
  readonly policy?: string;
  readonly image?: string;
  readonly caller?: string;
}

/**
 * `hardrun policy check FILE`: every problem with its path and line, exit 1
 * if any. `hardrun policy show`: the policy in force as a policy file,
 * with every default filled in.
 */
export async function policyCommand(args: PolicyArgs): Promise<number> {
  if (args.action === 'show') {
    const policy = await loadPolicy(args.file ?? args.policy, process.env);
    process.stdout.write(await policyYaml(policy));
    return 0;
  }
  const file = args.file ?? args.policy;
  if (file === undefined) {
    process.stderr.write('hardrun policy check: name the policy file\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`${file}: cannot read: ${(error as Error).message}\n`);
    return 1;
  }
  const verdict = await checkPolicyText(text, file);
  if (verdict.problems.length === 0) {
    process.stdout.write(`${file}: valid\n`);
    if (args.image !== undefined) process.stdout.write(await ruleForImage(file, args.image, args.caller ?? 'moby'));
    return 0;
  }
  for (const problem of verdict.problems) process.stderr.write(`${file}: ${formatProblem(problem)}\n`);
  return 1;
}

/**
 * Which rule a plain container of an image gets (`docker run IMAGE`, asking
 * for nothing beyond the defaults), and why: the rules tried in order.
 */
async function ruleForImage(file: string, text: string, caller: string): Promise<string> {
  const policy = await loadPolicy(file, {});
  const image = namedImage(text, 'policy check --image');
  const subject: Subject = {
    id: 'policy-check',
    spec: { ociVersion: '1.0.2', process: { args: ['sh'], cwd: '/', user: { uid: 0, gid: 0 } }, root: { path: 'rootfs' } },
    caller,
    host: { realpath: path => path, isHostNamespace: () => false, isSocket: () => false },
    origin: { bundle: '/', root: undefined },
    defaultDevices: policy.hardening.devices.allow,
    image,
  };
  const decision = decide(policy, subject);
  return [
    `image ${text}, run by caller ${caller} asking for nothing beyond the defaults:`,
    `  image:   ${describeImage(image)}`,
    ...describeTrials(tryRules(policy, subject)).map(line => `  ${line}`),
    `  decides: rule ${decision.rule}, backend ${decision.backend}`,
    '',
  ].join('\n');
}
