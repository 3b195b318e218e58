import { fallbackRange, findSubidRange, subidOwner } from '../../host/subid.js';
import { slotSize } from '../../state/id-slots.js';
import { parseRanges } from '../setup/subid-range.js';
import type { HostProbe } from './probe.js';

/**
 * One finding of `hardrun doctor`. `missing` is a required piece that is
 * not there (the doctor exits 1); `absent` is an optional one; `info` a fact.
 */
export interface DoctorCheck {
  readonly name: string;
  readonly status: 'ok' | 'missing' | 'absent' | 'info';
  readonly detail: string;
  readonly fix?: string;
}

export function checkUserNamespaces(host: HostProbe, wanted: boolean): DoctorCheck {
  const max = Number(host.readFile('/proc/sys/user/max_user_namespaces')?.trim() ?? 'NaN');
  if (max > 0) return { name: 'user namespaces', status: 'ok', detail: `enabled (max_user_namespaces ${max})` };
  if (!wanted) return { name: 'user namespaces', status: 'info', detail: 'not available, and the policy does not map users' };
  return {
    name: 'user namespaces', status: 'missing',
    detail: Number.isNaN(max) ? 'the kernel has no user namespaces (no /proc/sys/user/max_user_namespaces)' : 'disabled (max_user_namespaces is 0)',
    fix: 'sysctl -w user.max_user_namespaces=15000 (and set it in /etc/sysctl.d/), or a kernel built with CONFIG_USER_NS',
  };
}

export function checkSubids(host: HostProbe, files: { uid: string; gid: string }): DoctorCheck[] {
  return [files.uid, files.gid].map(file => {
    const text = host.readFile(file) ?? '';
    const range = findSubidRange(text, subidOwner);
    const name = file.endsWith('subgid') ? 'subordinate gids' : 'subordinate uids';
    const fix = `hardrun setup docker (it adds the range), or add the line "${subidOwner}:${fallbackRange.hostID}:${fallbackRange.size}" to ${files.uid} and ${files.gid}`;
    if (range === undefined) {
      return { name, status: 'missing', detail: `no "${subidOwner}" range in ${file}: containers map to hardrun's built-in range (${fallbackRange.size / slotSize} containers), which nothing reserves for it`, fix };
    }
    const clash = parseRanges(text, subidOwner).find(other => other.hostID < range.hostID + range.size && range.hostID < other.hostID + other.size);
    if (clash !== undefined) {
      return { name, status: 'missing', detail: `${file}: hardrun's range ${range.hostID}:${range.size} overlaps ${clash.hostID}:${clash.size} of another owner`, fix: `give "${subidOwner}" a range of its own in ${file}` };
    }
    const holds = Math.floor(range.size / slotSize);
    if (holds === 0) {
      return { name, status: 'missing', detail: `${file}: hardrun's range ${range.hostID}:${range.size} is smaller than one container's ${slotSize} ids: creates under the user namespace fail`, fix: `give "${subidOwner}" a count of ${slotSize} times the containers to run at once (${fallbackRange.size} holds ${fallbackRange.size / slotSize})` };
    }
    return { name, status: 'ok', detail: `${file}: ${subidOwner}:${range.hostID}:${range.size}, host ids of their own for ${holds} container${holds === 1 ? '' : 's'} at once` };
  });
}

export function checkSeccomp(host: HostProbe): DoctorCheck {
  const status = host.readFile('/proc/self/status') ?? '';
  const actions = host.readFile('/proc/sys/kernel/seccomp/actions_avail')?.trim().split(/\s+/) ?? [];
  if (!/^Seccomp:/m.test(status)) {
    return { name: 'seccomp', status: 'missing', detail: 'the kernel has no seccomp (no Seccomp line in /proc/self/status)', fix: 'a kernel built with CONFIG_SECCOMP and CONFIG_SECCOMP_FILTER' };
  }
  if (actions.length > 0 && !actions.includes('errno')) {
    return { name: 'seccomp', status: 'missing', detail: `the kernel's seccomp cannot return errors (actions: ${actions.join(' ')})`, fix: 'a kernel whose seccomp supports SECCOMP_RET_ERRNO' };
  }
  return { name: 'seccomp', status: 'ok', detail: `supported${actions.length > 0 ? ` (actions: ${actions.join(' ')})` : ''}` };
}

/** cgroup v1 and v2 both work with runc 1.1; which one it is matters to resource limits and rootless setups. */
export function checkCgroups(host: HostProbe): DoctorCheck {
  const mounts = (host.readFile('/proc/self/mountinfo') ?? '').split('\n').map(line => {
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    return { point: fields[4], type: dash === -1 ? undefined : fields[dash + 1] };
  });
  const root = mounts.filter(mount => mount.point === '/sys/fs/cgroup').pop();
  if (root?.type === 'cgroup2') return { name: 'cgroups', status: 'info', detail: 'version 2 (cgroup2fs on /sys/fs/cgroup)' };
  if (root?.type === 'tmpfs') {
    const hybrid = mounts.some(mount => mount.point === '/sys/fs/cgroup/unified' && mount.type === 'cgroup2');
    return { name: 'cgroups', status: 'info', detail: `version 1${hybrid ? ' (hybrid: v2 also on /sys/fs/cgroup/unified)' : ''} (tmpfs on /sys/fs/cgroup)` };
  }
  return { name: 'cgroups', status: 'missing', detail: 'nothing is mounted on /sys/fs/cgroup', fix: 'mount cgroup2 on /sys/fs/cgroup (systemd does this at boot)' };
}

/** An LSM is a further layer, not a requirement: hardrun's hardening does not depend on one. */
export function checkLsm(host: HostProbe): DoctorCheck {
  if (host.readFile('/sys/module/apparmor/parameters/enabled')?.trim() === 'Y') return { name: 'LSM', status: 'ok', detail: 'AppArmor is enabled' };
  const selinux = host.readFile('/sys/fs/selinux/enforce')?.trim();
  if (selinux === '1') return { name: 'LSM', status: 'ok', detail: 'SELinux is enforcing' };
  if (selinux === '0') return { name: 'LSM', status: 'absent', detail: 'SELinux is permissive (optional)', fix: 'setenforce 1, and SELINUX=enforcing in /etc/selinux/config' };
  return {
    name: 'LSM', status: 'absent',
    detail: 'neither AppArmor nor SELinux is enabled (optional: containers rely on namespaces, capabilities, seccomp and the user namespace)',
    fix: 'enable AppArmor (apparmor=1 security=apparmor on the kernel command line, and the apparmor package)',
  };
}
