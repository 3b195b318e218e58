import type { Backend, BackendKind } from '../backend/backend.js';
import type { PolicyDocument } from './generated/policy-document.js';
import { builtinBackends, builtinChecks, builtinHardening } from './builtin.js';
import { mergeSettings } from './merge.js';
import type { CheckSettings, Policy, PolicyHardening } from './policy.js';

/** Fills a valid document's gaps from the built-in policy. */
export function normalizePolicy(document: PolicyDocument, source: string): Policy {
  // Built from entries, so that every name is an own property (even one
  // such as "__proto__"), never a change to the object's prototype.
  const declared = Object.entries(document.backends ?? {}).map(([name, entry]): [string, Backend] => {
    const kind: BackendKind = entry.kind ?? (Object.hasOwn(builtinBackends, name) ? builtinBackends[name]?.kind : undefined) ?? 'runc';
    return [name, { name, kind, path: entry.path, args: entry.args ?? [] }];
  });
  const backends: Record<string, Backend> = Object.fromEntries([...Object.entries(builtinBackends), ...declared]);
  return {
    source,
    defaultBackend: document.defaultBackend ?? 'runc',
    sandboxBackend: document.sandboxBackend,
    backends,
    audit: document.audit?.file === undefined ? {} : { file: document.audit.file },
    hardening: mergeSettings<PolicyHardening>(builtinHardening, document.hardening),
    checks: mergeSettings<CheckSettings>(builtinChecks, document.checks),
    rules: (document.rules ?? []).map(rule => ({
      ...rule,
      // The image's author or the person running it chooses these freely.
      userControlled: rule.match.env !== undefined || rule.match.annotations !== undefined || rule.match.process !== undefined,
    })),
  };
}
