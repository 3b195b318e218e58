import { existsSync } from 'node:fs';
import { builtinPolicy } from '../../policy/builtin.js';
import { loadPolicy } from '../../policy/load.js';
import type { Policy } from '../../policy/policy.js';
import { binDir, enginePath, launcherPath, shimFrontPath } from '../../shim/install-paths.js';
import { checkCgroups, checkLsm, checkSeccomp, checkSubids, checkUserNamespaces, type DoctorCheck } from './host-checks.js';
import { realHost, type HostProbe } from './probe.js';
import { checkBackends, checkContainerd, checkDocker } from './runtime-checks.js';
import { defaultRoots } from '../inspect/locate.js';
import { findLeftovers, removeLeftover, type Leftover } from './leftovers.js';
import { checkLeftovers } from './state-checks.js';
import { checkStagingPath } from './staging-path.js';

export interface DoctorArgs {
  readonly json?: boolean;
  readonly policy?: string;
  readonly dockerConfig?: string;
  readonly containerdConfig?: string;
  readonly subuidFile?: string;
  readonly subgidFile?: string;
  /** Remove the leftovers found. */
  readonly fix?: boolean;
  /** Judge only the containers of these runtime state directories (default: Docker's, containerd's and runc's, and everything in /run/hardrun). */
  readonly root?: string | readonly string[];
}

/**
 * `hardrun doctor`: what this host supports and what is missing, each with
 * its fix. Required: a valid policy, hardrun's own files, the backends the
 * policy sends containers to, user namespaces (when the policy maps users),
 * the hardrun subordinate ranges, seccomp, a cgroup mount, and Docker or
 * containerd running hardrun. Optional: other backends (gVisor, Kata) and an
 * LSM. Exits 1 when a required piece is missing.
 */
export async function runDoctor(args: DoctorArgs, host: HostProbe = realHost): Promise<number> {
  const checks = await collectChecks(args, host);
  const healthy = checks.every(check => check.status !== 'missing');
  if (args.json === true) {
    process.stdout.write(`${JSON.stringify({ healthy, checks }, null, 2)}\n`);
  } else {
    for (const check of checks) {
      process.stdout.write(`${label(check.status)} ${check.name.padEnd(18)} ${check.detail}\n`);
      if (check.fix !== undefined && check.status !== 'ok') process.stdout.write(`${' '.repeat(9)}${' '.repeat(19)}fix: ${check.fix}\n`);
    }
    const missing = checks.filter(check => check.status === 'missing').length;
    process.stdout.write(healthy ? '\nhardrun can run here.\n' : `\n${missing} required piece${missing === 1 ? ' is' : 's are'} missing.\n`);
  }
  return healthy ? 0 : 1;
}

export async function collectChecks(args: DoctorArgs, host: HostProbe): Promise<DoctorCheck[]> {
  let policy: Policy = builtinPolicy;
  const checks: DoctorCheck[] = [];
  try {
    policy = await loadPolicy(args.policy, process.env);
    checks.push({ name: 'policy', status: 'ok', detail: policy.source === 'built-in' ? 'the built-in policy (no /etc/hardrun/policy.yaml)' : `${policy.source} is valid` });
  } catch (error) {
    checks.push({ name: 'policy', status: 'missing', detail: `${(error as Error).message} (every create fails until it is fixed)`, fix: 'hardrun policy check FILE lists each problem with its line' });
  }
  checks.push(checkInstall(host));
  checks.push(...await checkBackends(host, policy));
  checks.push(checkUserNamespaces(host, policy.hardening.userNamespace.mode !== 'off'));
  checks.push(...checkSubids(host, { uid: args.subuidFile ?? '/etc/subuid', gid: args.subgidFile ?? '/etc/subgid' }));
  if (policy.hardening.userNamespace.mode !== 'off') checks.push(checkStagingPath(host), await checkIdmappedMounts(policy.hardening.userNamespace.whenOwnersLost));
  checks.push(checkSeccomp(host), checkCgroups(host), checkLsm(host));
  const docker = checkDocker(host, args.dockerConfig ?? '/etc/docker/daemon.json', launcherPath());
  const containerd = await checkContainerd(host, args.containerdConfig ?? '/etc/containerd/config.toml');
  checks.push(strip(docker), strip(containerd));
  checks.push(leftoversCheck(args));
  if (!docker.uses && !containerd.uses) {
    checks.push({
      name: 'in use', status: 'missing', detail: 'neither Docker nor containerd runs containers through hardrun',
      fix: 'hardrun setup docker --default (a Docker host), or hardrun setup containerd --config /etc/containerd/config.toml (a Kubernetes node)',
    });
  }
  return checks;
}

/**
 * Idmapped mounts are what keeps files' owners under the user namespace:
 * probed as a create uses them, an overlay of idmapped layers, on the
 * engines' storage (where image layers and volumes live; /var/lib when
 * no engine's is there yet). Where refused, the policy says what happens
 * to such containers (whenOwnersLost).
 */
async function checkIdmappedMounts(whenOwnersLost: 'refuse' | 'nobody'): Promise<DoctorCheck> {
  const name = 'idmapped mounts';
  if (process.versions.bun === undefined) return { name, status: 'info', detail: 'probed only by the compiled engine' };
  const { probeIdmappedOverlay } = await import('../../host/idmap.js');
  // Where image layers live: their owners are what whenOwnersLost is about.
  // (A bind from a tmpfs that cannot be idmapped only falls back, recorded.)
  const engines = ['/var/lib/docker', '/var/lib/containerd'].filter(path => existsSync(path));
  const places = engines.length > 0 ? engines : ['/var/lib'];
  const refused: string[] = [];
  for (const path of places) {
    const reason = await probeIdmappedOverlay(path);
    if (reason !== undefined) refused.push(`${path} (${reason})`);
  }
  if (refused.length === 0) return { name, status: 'ok', detail: `an overlay of idmapped layers works on ${places.join(', ')}: image files, volumes and binds keep their owners under the user namespace` };
  return {
    name, status: whenOwnersLost === 'refuse' ? 'missing' : 'info',
    detail: `an overlay of idmapped layers is refused on ${refused.join(', ')}: containers stored there ${whenOwnersLost === 'refuse' ? 'are refused (hardening.userNamespace.whenOwnersLost: refuse)' : 'run with their image files shown as nobody (hardening.userNamespace.whenOwnersLost: nobody)'}`,
    fix: 'a kernel of 5.19 or later, and a filesystem that supports idmapped mounts (ext4, xfs, btrfs, tmpfs from 6.3); or hardening.userNamespace.whenOwnersLost: nobody to run such containers with their files as nobody',
  };
}

/** What outlived its container, removed with `--fix`. */
function leftoversCheck(args: DoctorArgs): DoctorCheck {
  const roots = args.root === undefined ? defaultRoots() : [args.root].flat();
  const found = findLeftovers({ roots, only: args.root !== undefined });
  if (args.fix !== true) return checkLeftovers(found);
  return checkLeftovers(found, new Map(found.map((item: Leftover) => [item, removeLeftover(item)])));
}

function checkInstall(host: HostProbe): DoctorCheck {
  // A copy of bin/ holds all four; the Debian package puts the launcher and the front in /usr/bin.
  const files = [launcherPath(), enginePath(), shimFrontPath(), `${binDir()}/runc-path/runc`];
  const lacking = files.filter(file => !host.isExecutable(file));
  if (lacking.length === 0) return { name: 'installation', status: 'ok', detail: files.join(', ') };
  return { name: 'installation', status: 'missing', detail: `lacking ${lacking.join(', ')}`, fix: 'reinstall the hardrun package, or copy bin/ whole (cp -a keeps runc-path/runc, a symlink to ../hardrun)' };
}

function strip(check: DoctorCheck & { uses: boolean }): DoctorCheck {
  const { uses: _uses, ...rest } = check;
  return rest;
}

function label(status: DoctorCheck['status']): string {
  return { ok: 'ok      ', missing: 'MISSING ', absent: 'absent  ', info: 'info    ' }[status];
}
