import type { HumanCommand } from './command.js';

/** The operator's commands: put hardrun on a host, check the host, see what runs. */
export const operateCommands: readonly HumanCommand[] = [
  {
    command: 'setup <target>',
    describe: 'docker: register hardrun in daemon.json and reload dockerd; containerd: print the runtime handlers, or with --config write them (as a drop-in when the file imports a directory of them); with --watch, --learn or --policy FILE both also install the host\'s policy; both add the hardrun subordinate id range',
    builder: yargs => yargs
      .positional('target', { choices: ['docker', 'containerd'] })
      .option('config', { type: 'string', describe: 'docker: daemon.json (default /etc/docker/daemon.json); containerd: the main config.toml to configure instead of printing' })
      .option('default', { type: 'boolean', describe: 'docker: make hardrun the default runtime' })
      .option('watch', { type: 'boolean', describe: 'docker, and containerd with --config: install the watch-only policy as the host\'s (/etc/hardrun/policy.yaml): every transform and check only audits, nothing is changed or refused (docs/rollout.md)' })
      .option('learn', { type: 'boolean', describe: 'docker and containerd: --watch, and learn what each container needs (what it writes outside the writable paths, the capabilities it is refused), for hardrun suggest and hardrun report' })
      .option('audit-log', { type: 'string', describe: 'docker and containerd: where the policy --watch installs writes its audit log (default /var/log/hardrun/audit.jsonl)' })
      .option('host-policy', { type: 'string', hidden: true })
      .option('remove', { type: 'boolean', describe: 'take out exactly what setup added (restores the backup when nothing else changed, and the host\'s policy as it was before --watch or --policy; containerd: needs --config); the subordinate id range stays' })
      .option('reload', { type: 'boolean', default: true, describe: 'docker: send dockerd SIGHUP and check docker info (--no-reload skips)' })
      .option('pidfile', { type: 'string', describe: "docker: dockerd's pid file (default: daemon.json's pidfile, else /var/run/docker.pid)" })
      .option('version', { type: 'number', describe: 'containerd: config version, 2 (containerd 1.x) or 3 (2.x); default: the file\'s, else the installed containerd\'s' })
      .option('shim', { type: 'boolean', describe: 'containerd: also the "hardrun-shim" handler, through hardrun\'s shim front (reaches Kata)' })
      // A DaemonSet reaches the node's files under a hostPath; tests use temporary ones.
      .option('subuid-file', { type: 'string', describe: 'where to add the hardrun range when missing (default /etc/subuid)' })
      .option('subgid-file', { type: 'string', describe: 'likewise (default /etc/subgid)' })
      .option('dry-run', { type: 'boolean', describe: 'print each change as a unified diff; write nothing, reload nothing' }),
    run: async args => args['target'] === 'docker'
      ? (await import('./setup/docker.js')).setupDocker(args)
      : (await import('./setup/containerd.js')).setupContainerd(args),
  },
  {
    command: 'doctor',
    describe: 'what this host supports and what is missing, each with its fix, and what of hardrun outlived its container (exit 1 if a required piece is missing)',
    builder: yargs => yargs
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' })
      .option('fix', { type: 'boolean', default: false, describe: 'remove what outlived its container (records, staging directories, claims of host ids), as a delete would' })
      .option('root', { type: 'string', array: true, describe: 'judge only the containers of this runtime state directory (repeatable; default: Docker\'s, containerd\'s and runc\'s)' })
      .option('docker-config', { type: 'string', hidden: true })
      .option('containerd-config', { type: 'string', hidden: true })
      .option('subuid-file', { type: 'string', hidden: true })
      .option('subgid-file', { type: 'string', hidden: true }),
    run: async args => (await import('./doctor/doctor.js')).runDoctor(args),
  },
  {
    command: 'inspect <id>',
    describe: 'the live isolation of a running container, read from its processes (exit 1 if weaker than hardrun makes it)',
    builder: yargs => yargs
      .positional('id', { type: 'string', describe: 'container id, or an unambiguous prefix (Docker short ids)' })
      .option('root', { type: 'string', describe: 'the runtime state directory (default: those of Docker, containerd and runc)' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
    run: async args => (await import('./inspect/inspect.js')).inspectContainer(args),
  },
  {
    command: 'ps',
    describe: 'the containers hardrun manages, with backend, rule and status (`ps ID` is runc\'s)',
    builder: yargs => yargs
      .option('root', { type: 'string', describe: 'the runtime state directory (default: those of Docker, containerd and runc)' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
    run: async args => (await import('./inspect/ps.js')).listContainers(args),
  },
];
