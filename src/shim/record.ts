import { readFileSync } from 'node:fs';
import { isErrno } from '../errors.js';
import { writeFileAtomic } from '../host/atomic-file.js';

/**
 * Which shim the front handed a container to, kept in the bundle: containerd
 * removes the bundle directory with the task, so the record never outlives
 * it, and `delete` (run in or with the bundle) finds it there.
 */
export interface ShimChoice {
  readonly shim: string;
  readonly backend: string;
  readonly rule: string;
}

export const shimRecordName = 'hardrun-shim';

export function writeShimChoice(bundle: string, choice: ShimChoice): void {
  writeFileAtomic(`${bundle}/${shimRecordName}`, `shim\t${choice.shim}\nbackend\t${choice.backend}\nrule\t${choice.rule}\n`, 0o600);
}

export function readShimChoice(bundle: string): ShimChoice | undefined {
  let text: string;
  try {
    text = readFileSync(`${bundle}/${shimRecordName}`, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  const fields = new Map(text.split('\n').filter(line => line.includes('\t')).map(line => line.split('\t', 2) as [string, string]));
  const shim = fields.get('shim');
  if (shim === undefined || !shim.startsWith('/')) return undefined;
  return { shim, backend: fields.get('backend') ?? '', rule: fields.get('rule') ?? '' };
}
