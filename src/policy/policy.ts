import type { Backend } from '../backend/backend.js';
import type { CheckMode } from '../checks/types.js';
import type { HardeningSettings } from '../harden/settings.js';
import type { ChecksDocument, HardeningDocument, MatchDocument } from './generated/policy-document.js';

/** Checks: the refusals, each with its mode. */
export interface CheckSettings {
  readonly hostNamespaces: { readonly mode: CheckMode; readonly types: readonly string[] };
  readonly sensitiveMounts: { readonly mode: CheckMode; readonly paths: readonly string[]; readonly allow: readonly string[] };
  readonly devices: { readonly mode: CheckMode };
  readonly extraCapabilities: { readonly mode: CheckMode };
  readonly procCwd: { readonly mode: CheckMode };
  readonly sysctls: { readonly mode: CheckMode; readonly allow: readonly string[] };
  readonly mountPropagation: { readonly mode: CheckMode };
}

export type PolicyHardening = HardeningSettings;

export interface PolicyRule {
  readonly name: string;
  readonly match: MatchDocument;
  readonly backend?: string;
  readonly hardening?: HardeningDocument;
  readonly checks?: ChecksDocument;
  /** It matches on what the container's user sets (env, annotations, process): it may only raise isolation. */
  readonly userControlled: boolean;
}

/** A policy, validated and with every default filled in. */
export interface Policy {
  /** The file it came from, or "built-in". */
  readonly source: string;
  readonly defaultBackend: string;
  readonly sandboxBackend: string | undefined;
  readonly backends: Readonly<Record<string, Backend>>;
  readonly audit: { readonly file?: string };
  readonly hardening: PolicyHardening;
  readonly checks: CheckSettings;
  readonly rules: readonly PolicyRule[];
}
