import type { Spec } from '../spec/types.js';
import type { SystemPathSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import { specTransform } from './unit.js';

/**
 * Restores the masked and read-only paths of /proc and /sys, which
 * `--privileged` and `--security-opt systempaths=unconfined` empty. The
 * config's own entries stay, in their order; the missing ones follow, where
 * the host has them (the container's /proc and /sys are the same kernel's).
 * Under gVisor, /proc and /sys are gVisor's own and show no host state, so
 * the lists cost nothing there and are kept for uniformity.
 */
export function applySystemPaths(spec: Spec, settings: SystemPathSettings, context: HardenContext): TransformResult<Spec> {
  const findings: Finding[] = [];
  const hasPath = context.hasPath ?? ((): boolean => true);
  const masked = withAll(spec.linux?.maskedPaths, settings.masked, hasPath);
  const readonly = withAll(spec.linux?.readonlyPaths, settings.readonly, hasPath);
  if (masked.added.length > 0) {
    findings.push({
      rule: 'system-paths',
      action: 'changed',
      path: 'linux.maskedPaths',
      message: `masked ${masked.added.join(', ')} (hardening.systemPaths.masked)`,
    });
  }
  if (readonly.added.length > 0) {
    findings.push({
      rule: 'system-paths',
      action: 'changed',
      path: 'linux.readonlyPaths',
      message: `made ${readonly.added.join(', ')} read-only (hardening.systemPaths.readonly)`,
    });
  }
  if (findings.length === 0) return { spec, findings };
  const linux = { ...spec.linux };
  if (masked.added.length > 0) linux.maskedPaths = masked.paths;
  if (readonly.added.length > 0) linux.readonlyPaths = readonly.paths;
  return { spec: { ...spec, linux }, findings };
}

/** The config's paths, then the required ones it lacks that the host has (looked up only when missing: Docker's lists hold them all). */
function withAll(current: string[] | undefined, required: readonly string[], hasPath: (path: string) => boolean): { paths: string[]; added: string[] } {
  const paths = Array.isArray(current) ? current : [];
  const present = new Set(paths);
  const added = [...new Set(required.filter(path => !present.has(path) && hasPath(path)))];
  return { paths: added.length > 0 ? [...paths, ...added] : paths, added };
}

export const systemPathsTransform = specTransform({
  name: 'systemPaths',
  defaults: {
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
  apply: applySystemPaths,
});
