import { readFileSync } from 'node:fs';
import { checkPolicyText, formatProblem, loadPolicy } from '../policy/load.js';

export interface PolicyArgs {
  readonly action?: string;
  readonly file?: string;
  readonly policy?: string;
}

/**
 * `hardrun policy check FILE`: every problem with its path and line, exit 1
 * if any. `hardrun policy show`: the policy in force, with every default
 * filled in.
 */
export async function policyCommand(args: PolicyArgs): Promise<number> {
  if (args.action === 'show') {
    const policy = await loadPolicy(args.file ?? args.policy, process.env);
    process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
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
    return 0;
  }
  for (const problem of verdict.problems) process.stderr.write(`${file}: ${formatProblem(problem)}\n`);
  return 1;
}
