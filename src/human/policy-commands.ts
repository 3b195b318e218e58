import type { HumanCommand } from './command.js';

/** The security engineer's commands: what a policy would do, and whether it is valid. */
export const policyCommands: readonly HumanCommand[] = [
  {
    command: ['explain', 'check'],
    describe: 'show what hardrun would refuse, change and run for a bundle, without running anything',
    builder: yargs => yargs
      .option('bundle', { type: 'string', default: '.', describe: 'the OCI bundle directory (holding config.json)' })
      .option('id', { type: 'string', describe: 'the container id (default: the bundle directory name)' })
      .option('root', { type: 'string', describe: 'the --root the caller would pass (tells Docker from Kubernetes; default /run/runc, as for a create without one)' })
      .option('image', { type: 'string', describe: 'the image the container runs (default: looked up as create does: Docker\'s record, or CRI\'s annotation)' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
    run: async args => (await import('./explain.js')).explain(args),
  },
  {
    command: 'suggest <id>',
    describe: 'the rule to paste for a container that ran with its read-only root in audit mode: the paths it wrote, the capabilities beyond the allowlist it was refused',
    builder: yargs => yargs
      .positional('id', { type: 'string', describe: 'container id, or an unambiguous prefix (Docker short ids)' })
      .option('root', { type: 'string', describe: 'the runtime state directory (default: those of Docker, containerd and runc)' }),
    run: async args => (await import('./suggest.js')).suggestRule(args),
  },
  {
    command: 'report [logs..]',
    describe: 'read audit logs (files, directories of them, - for standard input; default /var/log/hardrun/audit.jsonl), one host\'s or many: per image, the containers and hosts seen, what the built-in policy would change and refuse, and the rule each image needs (learned at its containers\' delete); --write-policy writes one policy for all of them',
    builder: yargs => yargs
      .positional('logs', { type: 'string', array: true, describe: 'audit logs, directories of them, or - (standard input)' })
      .option('format', { choices: ['table', 'json', 'markdown'], default: 'table', describe: 'table for a terminal, json for programs, markdown for a change review' })
      .option('write-policy', { type: 'string', describe: 'write FILE: the built-in policy and one rule per image that needs one (it passes policy check; enforce it with setup docker --default --policy FILE)' })
      .option('audit-log', { type: 'string', describe: 'the audit log the written policy names (default /var/log/hardrun/audit.jsonl; none for no audit log)' }),
    run: async args => (await import('./report/report.js')).runReport(args),
  },
  {
    command: 'policy <action> [file]',
    describe: 'check FILE: validate a policy; show [FILE]: print the policy in force as a policy file, every default filled in',
    builder: yargs => yargs.positional('action', { choices: ['check', 'show'] }).positional('file', { type: 'string' })
      .option('image', { type: 'string', describe: 'check: also show which rule a container of this image gets, and why' })
      .option('caller', { type: 'string', default: 'moby', describe: 'check --image: the caller (moby for Docker, k8s.io for Kubernetes)' }),
    run: async args => (await import('./policy-actions.js')).policyCommand(args),
  },
];
