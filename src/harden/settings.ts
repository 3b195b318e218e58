import type { BackendKind } from '../backend/backend.js';
import type { IdRange } from '../host/subid.js';
import { defaultDeniedSyscalls, defaultSeccompArchitectures } from './seccomp-profile.js';

/**
 * Hardening settings: what the built-in policy applies, and what a policy
 * file may change (the schema's `hardening`). One
 * sub-object per transform, plain JSON values only.
 */
export interface HardeningSettings {
  readonly annotations: AnnotationSettings;
  readonly capabilities: CapabilitySettings;
  readonly noNewPrivileges: NoNewPrivilegesSettings;
  readonly seccomp: SeccompSettings;
  readonly systemPaths: SystemPathSettings;
  readonly kernelFilesystems: KernelFilesystemSettings;
  readonly devices: DeviceSettings;
  readonly rootfs: RootfsSettings;
  readonly userNamespace: UserNamespaceSettings;
}

/**
 * `harden` rewrites the spec; `audit` leaves it alone and records what
 * `harden` would have done; `off` does neither.
 */
export type TransformMode = 'harden' | 'audit' | 'off';

export interface AnnotationSettings {
  readonly mode: TransformMode;
  /** Keys to remove: exact, or a prefix when the pattern ends in "*". */
  readonly strip: readonly string[];
}

export interface CapabilitySettings {
  readonly mode: TransformMode;
  /** Kept in every set when present; with or without the "CAP_" prefix, any case. */
  readonly allow: readonly string[];
  /** Never kept, even when `allow` names them, unless the backend is in `neverLiftedUnder`. */
  readonly never: readonly string[];
  /** Backends whose own kernel checks capabilities, so that `never` is not needed there. */
  readonly neverLiftedUnder: readonly BackendKind[];
}

export interface NoNewPrivilegesSettings {
  readonly mode: TransformMode;
}

export interface SeccompSettings {
  readonly mode: TransformMode;
  /** Syscalls that fail with `errnoRet` whatever the spec's own profile says. */
  readonly deny: readonly string[];
  /** The errno denied syscalls return (1 is EPERM). */
  readonly errnoRet: number;
  /** Deny clone with any CLONE_NEW* flag, and make clone3 fail with ENOSYS (its flags cannot be filtered). */
  readonly denyNamespaceClone: boolean;
  /** Seccomp architectures of a profile hardrun writes, by Node's `process.arch` name. */
  readonly architectures: Readonly<Record<string, readonly string[]>>;
}

export interface SystemPathSettings {
  readonly mode: TransformMode;
  /** Always in `linux.maskedPaths`. */
  readonly masked: readonly string[];
  /** Always in `linux.readonlyPaths`. */
  readonly readonly: readonly string[];
}

export interface KernelFilesystemSettings {
  readonly mode: TransformMode;
  /** Mount types that are always mounted read-only. */
  readonly readonlyTypes: readonly string[];
}

export interface DeviceRule {
  readonly type: 'c' | 'b';
  readonly major: number;
  readonly minor: number;
}

export interface DeviceSettings {
  readonly mode: TransformMode;
  /** Device nodes (by type, major and minor: the path is only a name) a container may have. */
  readonly allow: readonly DeviceRule[];
}

export interface RootfsSettings {
  readonly mode: TransformMode;
  /** Where a tmpfs is mounted unless the spec already mounts something there or above. */
  readonly writablePaths: readonly string[];
  /** The tmpfs `size=` option, e.g. "64m". */
  readonly tmpfsSize: string;
  /** Mount the tmpfs `noexec` too. */
  readonly noexec: boolean;
  /** Destinations of bind mounts made read-only (Docker's per-container files). */
  readonly readonlyBindMounts: readonly string[];
}

/** Which bind mounts are idmapped, so that container root acts there as the owner of the files on the host. */
export type IdmapMounts = 'all' | 'volumes' | 'none';

export interface UserNamespaceSettings {
  readonly mode: TransformMode;
  /** The pool of host ids containers get slots of 65536 from; unset: the hardrun lines of /etc/subuid and /etc/subgid. */
  readonly uids?: IdRange;
  readonly gids?: IdRange;
  /** Binds to idmap: every one, Docker's and Kubernetes' volumes only, or none. */
  readonly idmapMounts: IdmapMounts;
  /** Host paths whose binds are never idmapped (volumes excepted): container root stays nobody there. */
  readonly plainBindPaths: readonly string[];
}

/**
 * Docker's default 14 less MKNOD (no device may be created anyway), NET_RAW
 * (ARP and DNS spoofing on the bridge; ping works without it through
 * Docker's `ping_group_range`), SETFCAP (file capabilities mean nothing
 * under noNewPrivileges), SYS_CHROOT (rarely needed; an old escape
 * ingredient) and AUDIT_WRITE (writes to the host's audit log). SETPCAP
 * stays: it only works within the bounding set, and lets programs drop
 * their own privileges.
 */
const defaultAllowedCapabilities = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_NET_BIND_SERVICE',
  'CAP_SETGID',
  'CAP_SETPCAP',
  'CAP_SETUID',
];

/**
 * Capabilities that act on the host kernel or on host-wide state, whatever
 * namespaces the container has, so that no policy may grant them to a
 * container that shares the host's kernel. Under gVisor they are checked by
 * the Sentry (a CAP_SYS_ADMIN mount is a mount in gVisor's own VFS), and
 * under Kata by the guest kernel, so there a policy's allowlist alone decides.
 */
const neverGrantedCapabilities = [
  'CAP_SYS_ADMIN', // mount, namespaces, most kernel interfaces: the usual escape
  'CAP_SYS_MODULE', // loads code into the host kernel
  'CAP_SYS_RAWIO', // iopl, ioperm, raw block and memory devices
  'CAP_SYS_PTRACE', // ptrace and process_vm_* past ownership; kcmp
  'CAP_DAC_READ_SEARCH', // open_by_handle_at reads any host file (the "shocker" escape)
  'CAP_NET_ADMIN', // netfilter and routing: a large kernel attack surface
  'CAP_BPF', // loads programs into the host kernel
  'CAP_PERFMON', // perf_event_open on kernel events; reads kernel memory layout
  'CAP_SYS_BOOT', // reboot and kexec_load act on the host
  'CAP_MAC_ADMIN', // changes the host's LSM policy
  'CAP_MAC_OVERRIDE', // bypasses the host's LSM policy
  'CAP_SYS_TIME', // sets the host's clock (there is no namespace for CLOCK_REALTIME)
  'CAP_SYSLOG', // reads and clears the host kernel log, which leaks kernel addresses
  'CAP_AUDIT_CONTROL', // changes the host's audit rules
  'CAP_AUDIT_READ', // reads the host's audit stream
  'CAP_SYS_PACCT', // switches host-wide process accounting
  'CAP_WAKE_ALARM', // host power management
  'CAP_BLOCK_SUSPEND', // keeps the host from suspending
  'CAP_LINUX_IMMUTABLE', // makes files on host bind mounts immutable or append-only
  'CAP_SYS_RESOURCE', // ignores disk quotas and reserved blocks, so fills the host's disk
  'CAP_SYS_NICE', // real-time scheduling starves the host's CPUs
];

/**
 * Annotations that a backend turns into an action on the host. Each backend
 * lists its own in `features` as potentiallyUnsafeConfigAnnotations.
 */
const hostActingAnnotations = [
  'org.systemd.property.*', // runc: properties of the container's systemd unit (runc features)
  'org.criu.config', // runc: a host file CRIU reads at checkpoint and restore (runc features)
  'bundle', // runc: collides with the label runc keeps the bundle path in (runc features)
  'run.oci.*', // crun: e.g. run.oci.hooks.stdout opens a host file as root
  'dev.gvisor.*', // runsc: flag overrides, host tar files, internal seccomp (runsc features)
  'io.katacontainers.config.*', // Kata: hypervisor, kernel, jailer and guest-seccomp overrides
];

export const defaultHardening: HardeningSettings = {
  annotations: { mode: 'harden', strip: hostActingAnnotations },
  capabilities: {
    mode: 'harden',
    allow: defaultAllowedCapabilities,
    never: neverGrantedCapabilities,
    neverLiftedUnder: ['runsc', 'kata'],
  },
  noNewPrivileges: { mode: 'harden' },
  seccomp: {
    mode: 'harden',
    deny: defaultDeniedSyscalls,
    errnoRet: 1,
    denyNamespaceClone: true,
    architectures: defaultSeccompArchitectures,
  },
  systemPaths: {
    mode: 'harden',
    // Docker's lists (moby's oci/defaults.go), plus powercap (energy
    // counters: the PLATYPUS side channel), which Docker added later.
    masked: [
      '/proc/asound',
      '/proc/acpi',
      '/proc/kcore',
      '/proc/keys',
      '/proc/latency_stats',
      '/proc/timer_list',
      '/proc/timer_stats',
      '/proc/sched_debug',
      '/proc/scsi',
      '/sys/firmware',
      '/sys/devices/virtual/powercap',
    ],
    readonly: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
  },
  // A writable sysfs reaches uevent_helper and other host-wide knobs, and a
  // writable cgroup v1 hierarchy reaches release_agent: both classic escapes
  // from `--privileged`.
  kernelFilesystems: { mode: 'harden', readonlyTypes: ['sysfs', 'cgroup', 'cgroup2'] },
  devices: {
    mode: 'harden',
    // The nodes runc itself gives every container (specconv's AllowedDevices),
    // and the console, which Docker's default device rules allow: runc gives a
    // container its console as a pty, so no host console node is there, and
    // without CAP_MKNOD none can be made.
    allow: [
      { type: 'c', major: 1, minor: 3 }, // null
      { type: 'c', major: 1, minor: 5 }, // zero
      { type: 'c', major: 1, minor: 7 }, // full
      { type: 'c', major: 1, minor: 8 }, // random
      { type: 'c', major: 1, minor: 9 }, // urandom
      { type: 'c', major: 5, minor: 0 }, // tty
      { type: 'c', major: 5, minor: 1 }, // console
    ],
  },
  rootfs: {
    mode: 'harden',
    writablePaths: ['/tmp', '/run', '/var/tmp'],
    tmpfsSize: '64m',
    noexec: false,
    readonlyBindMounts: ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'],
  },
  // Every bind is idmapped, so that volumes and binds behave as under runc
  // (container root writes there as the files' owner), with nosuid and
  // nodev added; docs/threat-model.md says what that gives away. But not a
  // bind of the host's own programs, libraries, logs or state: there a
  // planted binary or symlink would act on the host, so container root
  // stays nobody, as without idmapping.
  userNamespace: {
    mode: 'harden',
    idmapMounts: 'all',
    plainBindPaths: ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/usr', '/opt', '/boot', '/var/lib', '/var/log', '/var/cache', '/var/spool', '/var/backups'],
  },
};
