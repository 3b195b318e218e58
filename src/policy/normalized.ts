/**
 * A policy setting as hardrun applies it, read-only: a list a policy may
 * write as `{add, remove}` is the list those edits made (see merge.ts).
 */
export type Resolved<V> = [Extract<V, readonly unknown[]>] extends [never]
  ? V extends object ? { readonly [K in keyof V]: Resolved<V[K]> } : V
  : readonly Extract<V, readonly unknown[]>[number][];

/**
 * The settings of one transform or check as the policy file's schema types
 * them (json-schema-to-typescript's output, every field optional), made
 * complete: each field present, read-only, lists resolved. `Optional` names
 * the fields that have no default.
 */
export type Normalized<T, Optional extends PropertyKey = never> =
  { readonly [K in Exclude<keyof T, Optional>]-?: Resolved<NonNullable<T[K]>> }
  & { readonly [K in Extract<keyof T, Optional>]?: Resolved<NonNullable<T[K]>> };
