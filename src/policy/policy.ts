import type { Backend } from '../backend/backend.js';
import type { CheckSettings } from '../checks/types.js';
import type { HardeningSettings } from '../harden/settings.js';
import type { ChecksDocument, HardeningDocument, MatchDocument } from './generated/policy-document.js';

export type PolicyHardening = HardeningSettings;
/** The checks: the refusals, each with its mode. */
export type { CheckSettings };

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
