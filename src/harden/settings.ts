/**
 * Hardening settings: what the built-in policy applies, and what a policy
 * file may change (issue 9 turns this into the schema's `hardening`).
 */
export interface HardeningSettings {
  readonly noNewPrivileges: boolean;
}

export const defaultHardening: HardeningSettings = {
  noNewPrivileges: true,
};
