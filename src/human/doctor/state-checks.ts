import { stagingBase } from '../../bundle/staging.js';
import { claimsDir } from '../../state/id-slots.js';
import type { DoctorCheck } from './host-checks.js';
import type { Leftover } from './leftovers.js';

/**
 * What of hardrun's outlived its container, each named with its container
 * and why it is stale; after `--fix`, what went and what stayed (and why).
 */
export function checkLeftovers(found: readonly Leftover[], stayed?: ReadonlyMap<Leftover, string | undefined>): DoctorCheck {
  const name = 'leftovers';
  if (found.length === 0) return { name, status: 'ok', detail: `nothing of hardrun's outlived its container (records, staging directories in ${stagingBase}, claims of host ids in ${claimsDir})` };
  const listed = (items: readonly Leftover[], reason?: (item: Leftover) => string): string => items.map(item => `${describe(item)}: ${reason?.(item) ?? item.why}`).join('; ');
  if (stayed === undefined) {
    return {
      name, status: 'info', detail: `${found.length} leftover${found.length === 1 ? '' : 's'}: ${listed(found)}`,
      fix: 'hardrun doctor --fix removes them as a delete would (never recursively: a staging directory with more than empty entries stays)',
    };
  }
  const removed = found.filter(item => stayed.get(item) === undefined);
  const kept = found.filter(item => stayed.get(item) !== undefined);
  const parts = [removed.length === 0 ? '' : `removed ${removed.length}: ${removed.map(describe).join('; ')}`, kept.length === 0 ? '' : `${kept.length} stayed: ${listed(kept, item => stayed.get(item) ?? '')}`];
  return { name, status: kept.length === 0 ? 'ok' : 'info', detail: parts.filter(Boolean).join('; '), ...(kept.length === 0 ? {} : { fix: 'look inside first: a staging directory holds only empty directories, empty files and caller-config.json; then rm -d -- DIR/* DIR' }) };
}

function describe(item: Leftover): string {
  const container = item.id === undefined ? '' : ` of container ${item.id}${item.root === undefined ? '' : ` (${item.root})`}`;
  return `${item.kind} ${item.path}${container}`;
}
