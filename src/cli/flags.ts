/**
 * The flags of runc's command line (1.0 to 1.5) that take a value, per
 * command, with their short aliases. Any flag not listed is parsed as a
 * boolean (Go's flag package needs `--x=v` for an unknown flag's value), and
 * every flag, known or not, is passed on unchanged.
 */
export interface FlagTable {
  /** Flags that take a value: long name, then aliases. */
  readonly valued: readonly (readonly string[])[];
  /** Boolean flags, for alias resolution only. */
  readonly boolean: readonly (readonly string[])[];
}

export const globalFlags: FlagTable = {
  valued: [['root'], ['log'], ['log-format'], ['criu'], ['rootless'], ['policy']],
  boolean: [['debug'], ['systemd-cgroup'], ['help', 'h'], ['version', 'v']],
};

const createValued = [['bundle', 'b'], ['pid-file'], ['console-socket'], ['pidfd-socket'], ['preserve-fds']];
const checkpointValued = [
  ['image-path'], ['work-path'], ['parent-path'], ['page-server'], ['manage-cgroups-mode'],
  ['empty-ns'], ['status-fd'], ['lsm-profile'], ['lsm-mount-context'],
];

export const commandFlags: Readonly<Record<string, FlagTable>> = {
  create: { valued: createValued, boolean: [['no-pivot'], ['no-new-keyring'], ['detach', 'd']] },
  run: {
    valued: createValued,
    boolean: [['detach', 'd'], ['keep'], ['no-subreaper'], ['no-pivot'], ['no-new-keyring']],
  },
  exec: {
    valued: [
      ['process', 'p'], ['console-socket'], ['pidfd-socket'], ['pid-file'], ['cwd'], ['env', 'e'],
      ['user', 'u'], ['additional-gids', 'g'], ['cap', 'c'], ['apparmor'], ['process-label'],
      ['preserve-fds'], ['cgroup'],
    ],
    boolean: [['detach', 'd'], ['tty', 't'], ['no-new-privs'], ['ignore-paused'], ['no-subreaper']],
  },
  kill: { valued: [], boolean: [['all', 'a']] },
  delete: { valued: [], boolean: [['force', 'f']] },
  state: { valued: [], boolean: [] },
  start: { valued: [], boolean: [] },
  pause: { valued: [], boolean: [] },
  resume: { valued: [], boolean: [] },
  ps: { valued: [['format', 'f']], boolean: [] },
  list: { valued: [['format', 'f']], boolean: [['quiet', 'q']] },
  events: { valued: [['interval']], boolean: [['stats']] },
  update: {
    valued: [
      ['resources', 'r'], ['blkio-weight'], ['cpu-period'], ['cpu-quota'], ['cpu-share'], ['cpu-rt-period'],
      ['cpu-rt-runtime'], ['cpuset-cpus'], ['cpuset-mems'], ['kernel-memory'], ['kernel-memory-tcp'],
      ['memory'], ['memory-reservation'], ['memory-swap'], ['pids-limit'], ['l3-cache-schema'],
      ['mem-bw-schema'], ['cpu-idle'], ['cpu-burst'],
    ],
    boolean: [],
  },
  checkpoint: {
    valued: checkpointValued,
    boolean: [
      ['leave-running'], ['tcp-established'], ['tcp-skip-in-flight'], ['link-remap'], ['ext-unix-sk'],
      ['shell-job'], ['lazy-pages'], ['file-locks'], ['pre-dump'], ['auto-dedup'],
    ],
  },
  restore: {
    valued: [...checkpointValued, ...createValued],
    boolean: [
      ['tcp-established'], ['ext-unix-sk'], ['shell-job'], ['file-locks'], ['detach', 'd'],
      ['no-subreaper'], ['no-pivot'], ['auto-dedup'], ['lazy-pages'],
    ],
  },
  features: { valued: [], boolean: [] },
  spec: { valued: [['bundle', 'b']], boolean: [['rootless']] },
};
