import { resolveBackendPath } from '../../backend/backend.js';
import type { Policy } from '../../policy/policy.js';
import { findKataShim } from '../../shim/choose.js';
import { criPlugins, type TomlTable } from '../setup/containerd-config.js';
import type { DoctorCheck } from './host-checks.js';
import type { HostProbe } from './probe.js';
import { runcFixesLacking } from './runc-fixes.js';

/** The backends the policy can send a container to must exist; the others are optional. */
export function usedBackends(policy: Policy): Set<string> {
  const used = new Set([policy.defaultBackend]);
  if (policy.sandboxBackend !== undefined) used.add(policy.sandboxBackend);
  for (const rule of policy.rules) if (rule.backend !== undefined) used.add(rule.backend);
  return used;
}

export async function checkBackends(host: HostProbe, policy: Policy): Promise<DoctorCheck[]> {
  const used = usedBackends(policy);
  return Promise.all(Object.values(policy.backends).map(async (backend): Promise<DoctorCheck> => {
    const name = `backend ${backend.name}`;
    const required = used.has(backend.name);
    let path: string | undefined;
    try {
      path = resolveBackendPath(backend);
    } catch {
      path = undefined;
    }
    if (backend.kind === 'kata') {
      // Kata 2 and 3 have no runc-style CLI: hardrun reaches them through its shim front.
      let shim: string | undefined;
      try { shim = findKataShim(backend); } catch { shim = undefined; }
      if (shim !== undefined) return { name, status: 'ok', detail: `${shim} (through containerd-shim-hardrun-v2): ${await host.version(shim) ?? 'version unknown'}` };
    }
    if (path !== undefined) {
      const version = await host.version(path);
      if (version !== undefined) return version.startsWith('runc version') ? withRuncFixes(name, path, version) : { name, status: 'ok', detail: `${path}: ${version}` };
      return { name, status: required ? 'missing' : 'absent', detail: `${path} does not answer --version`, fix: `reinstall ${backend.name}` };
    }
    const fix = backend.kind === 'kata' ? 'install Kata Containers (containerd-shim-kata-v2; reached through hardrun-shim)'
      : backend.kind === 'runsc' ? 'install gVisor (apt-get install runsc, or gvisor.dev)'
        : backend.path.includes('/') ? `install ${backend.path}` : `apt-get install ${backend.path}`;
    return { name, status: required ? 'missing' : 'absent', detail: `${backend.path} is not installed${required ? ', and the policy uses it' : ' (optional: the policy sends nothing there)'}`, fix };
  }));
}

/** A runc backend, and the published escapes its upstream version has no fix for. */
function withRuncFixes(name: string, path: string, version: string): DoctorCheck {
  const known = runcFixesLacking(version);
  if (known === undefined || known.lacking.length === 0) return { name, status: 'ok', detail: `${path}: ${version}` };
  return {
    name,
    status: 'info',
    detail: `${path}: ${version}; upstream runc ${known.version} lacks the fixes for ${known.lacking.join(', ')} (a distribution build may carry backports: see its changelog)`,
    fix: 'upgrade runc to 1.2.8, 1.3.3, 1.4.0 or later; until then hardrun refuses images with symlinked /dev paths, and the user namespace stops the rest (docs/threat-model.md)',
  };
}

/** Docker uses hardrun when daemon.json registers this installation's launcher. */
export function checkDocker(host: HostProbe, file: string, launcher: string): DoctorCheck & { uses: boolean } {
  const text = host.readFile(file);
  const installed = ['/usr/bin/dockerd', '/usr/sbin/dockerd', '/usr/local/bin/dockerd'].some(path => host.isExecutable(path));
  const fix = 'hardrun setup docker (add --default to make it the default runtime)';
  if (text === undefined) {
    return { name: 'Docker', status: installed ? 'absent' : 'info', detail: installed ? `dockerd is installed but ${file} does not exist, so it does not use hardrun` : 'dockerd is not installed', ...(installed ? { fix } : {}), uses: false };
  }
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { name: 'Docker', status: 'missing', detail: `${file} is not valid JSON: dockerd will not start`, fix: `fix ${file}`, uses: false };
  }
  const path = (config['runtimes'] as Record<string, { path?: string }> | undefined)?.['hardrun']?.path;
  if (path === undefined) return { name: 'Docker', status: 'absent', detail: `${file} does not register hardrun`, fix, uses: false };
  if (path !== launcher) return { name: 'Docker', status: 'missing', detail: `${file} registers hardrun as ${path}, not this installation's ${launcher}`, fix, uses: false };
  const isDefault = config['default-runtime'] === 'hardrun';
  return { name: 'Docker', status: 'ok', detail: `${file} registers hardrun${isDefault ? ' as the default runtime' : ' (not the default: containers need --runtime=hardrun)'}`, uses: true };
}

/** containerd uses hardrun when a CRI handler's BinaryName is a hardrun launcher or its runtime_path is the shim front. */
export async function checkContainerd(host: HostProbe, file: string): Promise<DoctorCheck & { uses: boolean }> {
  const text = host.readFile(file);
  const fix = `hardrun setup containerd --config ${file} (add --shim for the Kata-capable front), then restart containerd`;
  if (text === undefined) return { name: 'containerd', status: 'info', detail: `${file} does not exist`, uses: false };
  let config: TomlTable;
  try {
    config = (await import('smol-toml')).parse(text);
  } catch {
    return { name: 'containerd', status: 'missing', detail: `${file} is not valid TOML: containerd will not start`, fix: `fix ${file}`, uses: false };
  }
  const handlers: string[] = [];
  for (const plugin of Object.values(criPlugins)) {
    const runtimes = dig(config, ['plugins', plugin, 'containerd', 'runtimes']);
    for (const [name, runtime] of Object.entries(runtimes)) {
      const binary = dig(runtime, ['options'])['BinaryName'];
      const path = (runtime as TomlTable)['runtime_path'];
      if ((typeof binary === 'string' && /(^|\/)hardrun$/.test(binary)) || (typeof path === 'string' && path.endsWith('/containerd-shim-hardrun-v2'))) handlers.push(name);
    }
  }
  if (handlers.length === 0) return { name: 'containerd', status: 'absent', detail: `${file} has no handler that runs hardrun`, fix, uses: false };
  return { name: 'containerd', status: 'ok', detail: `${file}: handler${handlers.length > 1 ? 's' : ''} ${handlers.join(', ')} (a RuntimeClass selects them)`, uses: true };
}

function dig(value: unknown, keys: readonly string[]): TomlTable {
  let current = value;
  for (const key of keys) current = typeof current === 'object' && current !== null ? (current as TomlTable)[key] : undefined;
  return typeof current === 'object' && current !== null && !Array.isArray(current) ? current as TomlTable : {};
}
