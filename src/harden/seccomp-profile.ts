import type { SeccompRule } from '../spec/types.js';
import type { SeccompSettings } from './settings.js';
import type { HardenContext } from './types.js';

/**
 * hardrun's own profile is a denylist: everything is allowed except the
 * syscalls below. Docker's default profile is an allowlist of about 350
 * syscalls that must follow every kernel and libc release to avoid breaking
 * programs; a denylist cannot break anything it does not name, and every
 * syscall it names is one that serves escapes rather than ordinary programs.
 * The capabilities left (see capabilities.ts) and noNewPrivileges guard the
 * rest. Where the config already has a profile, that profile is kept and
 * these are denied within it too (see seccomp.ts).
 */
export const defaultDeniedSyscalls: readonly string[] = [
  // The mount family and pivot_root: rearranging the mount tree is how most escapes begin.
  'mount', 'umount', 'umount2', 'pivot_root',
  'fsopen', 'fsconfig', 'fsmount', 'fspick', 'move_mount', 'open_tree', 'mount_setattr',
  // New namespaces (a user namespace hands back every capability inside it) and joining others.
  'unshare', 'setns',
  // File handles reach files outside the mount namespace ("shocker").
  'open_by_handle_at', 'name_to_handle_at',
  // The kernel keyring is not namespaced: keys of the host and of other containers.
  'keyctl', 'add_key', 'request_key',
  // Loading code into the kernel, or a new kernel.
  'kexec_load', 'kexec_file_load', 'init_module', 'finit_module', 'delete_module',
  'create_module', 'query_module', 'get_kernel_syms',
  // Large kernel attack surfaces that ordinary programs do without. io_uring
  // performs its operations outside seccomp's sight, and has a long list of
  // privilege-escalation bugs (Docker denies it too since 25.0); userfaultfd
  // is the usual way to win kernel races.
  'bpf', 'perf_event_open', 'userfaultfd', 'io_uring_setup', 'io_uring_enter', 'io_uring_register',
  'fanotify_init',
  // Reading and changing other processes.
  'ptrace', 'process_vm_readv', 'process_vm_writev', 'kcmp',
  // Host-wide state. adjtimex and clock_adjtime stay: with no flags they only
  // read the clock (chrony and glibc's ntp_gettime do), and setting it needs
  // CAP_SYS_TIME, which is never granted.
  'acct', 'swapon', 'swapoff', 'reboot', 'syslog', 'quotactl', 'quotactl_fd',
  'settimeofday', 'stime', 'clock_settime', 'clock_settime64', 'nfsservctl', 'lookup_dcookie',
  // Raw I/O ports.
  'iopl', 'ioperm',
  // Obsolete interfaces that now serve only exploits.
  'vm86', 'vm86old', 'uselib', 'ustat', 'sysfs', '_sysctl',
];

/** As Docker lists them: the native ABI first, then the compat ones its CPUs run. */
export const defaultSeccompArchitectures: Readonly<Record<string, readonly string[]>> = {
  x64: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
  arm64: ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM'],
  ia32: ['SCMP_ARCH_X86'],
  arm: ['SCMP_ARCH_ARM'],
  ppc64: ['SCMP_ARCH_PPC64LE'],
  s390x: ['SCMP_ARCH_S390X', 'SCMP_ARCH_S390'],
  riscv64: ['SCMP_ARCH_RISCV64'],
};

export function archOf(context: HardenContext): string {
  return context.arch ?? 'x64';
}

const errnoNoSuchSyscall = 38; // ENOSYS: glibc then falls back from clone3 to clone

/** CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET. */
export const cloneNamespaceFlags: readonly number[] = [
  0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000,
];
export const cloneNamespaceMask = cloneNamespaceFlags.reduce((mask, flag) => mask | flag, 0);

/** s390 swaps clone's first two arguments, so the flags are the second there. */
export function cloneFlagsArgument(arch: string): number {
  return arch.startsWith('s390') ? 1 : 0;
}

/**
 * gVisor (checked with runsc 20221219 and --oci-seccomp) ignores errnoRet
 * and returns EPERM, which makes glibc's pthread_create fail instead of
 * falling back to clone; its own clone3 already returns ENOSYS, and its
 * namespaces are the Sentry's, not the host's. So under runsc hardrun
 * leaves clone3 alone.
 */
function managesClone3(settings: SeccompSettings, context: HardenContext): boolean {
  return settings.denyNamespaceClone && context.backend !== 'runsc';
}

/** The syscalls whose rules hardrun writes itself: any rule the config had for them is replaced. */
export function managedSyscalls(settings: SeccompSettings, context: HardenContext): ReadonlySet<string> {
  const clone = settings.denyNamespaceClone ? ['clone'] : [];
  const clone3 = managesClone3(settings, context) ? ['clone3'] : [];
  return new Set([...settings.deny, ...clone, ...clone3]);
}

/** Rules that deny; they never allow anything, so they are safe to add to any profile. */
export function buildDenyRules(settings: SeccompSettings, context: HardenContext, permissiveDefault: boolean): SeccompRule[] {
  const rules: SeccompRule[] = [];
  const denied = [...new Set(settings.deny)];
  if (denied.length > 0) rules.push({ names: denied, action: 'SCMP_ACT_ERRNO', errnoRet: settings.errnoRet });
  if (!settings.denyNamespaceClone) return rules;
  if (managesClone3(settings, context)) rules.push({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: errnoNoSuchSyscall });
  // Under a default that allows, each namespace flag needs a rule of its own:
  // the conditions of one rule all have to hold, and there is no "masked not
  // equal". Under a default that denies, clone is re-allowed without them instead.
  if (permissiveDefault) {
    const index = cloneFlagsArgument(archOf(context));
    for (const flag of cloneNamespaceFlags) {
      rules.push({
        names: ['clone'],
        action: 'SCMP_ACT_ERRNO',
        errnoRet: settings.errnoRet,
        args: [{ index, value: flag, valueTwo: flag, op: 'SCMP_CMP_MASKED_EQ' }],
      });
    }
  }
  return rules;
}

/** clone without namespace flags, for a profile whose default denies (the form Docker's profile uses). */
export function buildCloneAllowRule(arch: string): SeccompRule {
  return {
    names: ['clone'],
    action: 'SCMP_ACT_ALLOW',
    args: [{ index: cloneFlagsArgument(arch), value: cloneNamespaceMask, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
  };
}

/** True when a rule can only match clone calls that carry no namespace flag. */
export function allowsCloneOnlyWithoutNamespaces(rule: SeccompRule, arch: string): boolean {
  const index = cloneFlagsArgument(arch);
  return (rule.args ?? []).some(
    arg =>
      arg.index === index &&
      arg.op === 'SCMP_CMP_MASKED_EQ' &&
      typeof arg.value === 'number' &&
      (arg.value & cloneNamespaceMask) === cloneNamespaceMask &&
      (arg.valueTwo ?? 0) === 0,
  );
}

/** The profile hardrun writes where the config has none. */
export function buildDefaultProfile(settings: SeccompSettings, context: HardenContext) {
  return {
    defaultAction: 'SCMP_ACT_ALLOW',
    architectures: [...(settings.architectures[archOf(context)] ?? [])],
    syscalls: buildDenyRules(settings, context, true),
  };
}

/** Actions under which the syscall goes ahead (or someone other than the kernel decides). */
const permissiveActions = new Set(['SCMP_ACT_ALLOW', 'SCMP_ACT_LOG', 'SCMP_ACT_NOTIFY', 'SCMP_ACT_TRACE']);

export function isPermissiveAction(action: string | undefined): boolean {
  return action === undefined || permissiveActions.has(action);
}
