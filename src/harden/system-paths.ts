import type { Spec } from '../spec/types.js';
import type { SystemPathSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';

/**
 * Restores the masked and read-only paths of /proc and /sys, which
 * `--privileged` and `--security-opt systempaths=unconfined` empty. The
 * config's own entries stay, in their order; the missing ones follow.
 * Under gVisor, /proc and /sys are gVisor's own and show no host state, so
 * the lists cost nothing there and are kept for uniformity.
 */
export function applySystemPaths(spec: Spec, settings: SystemPathSettings, _context: HardenContext): TransformResult<Spec> {
  const findings: Finding[] = [];
  const masked = withAll(spec.linux?.maskedPaths, settings.masked);
  const readonly = withAll(spec.linux?.readonlyPaths, settings.readonly);
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

function withAll(current: string[] | undefined, required: readonly string[]): { paths: string[]; added: string[] } {
  const paths = Array.isArray(current) ? current : [];
  const present = new Set(paths);
  const added = [...new Set(required.filter(path => !present.has(path)))];
  return { paths: added.length > 0 ? [...paths, ...added] : paths, added };
}
