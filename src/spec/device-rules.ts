/**
 * A device cgroup rule's major or minor that means "any": absent, null, or
 * -1, as runc reads all three (its wildcard is -1, and Go's decoder leaves a
 * null or absent number unset).
 */
export function isWildcardNumber(value: number | null | undefined): boolean {
  return value === undefined || value === null || value === -1;
}
