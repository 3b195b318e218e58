import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAudit } from '../../src/policy/audit.js';

const record = { event: 'create' as const, id: 'c1', caller: 'moby', policy: 'p', rule: 'default', backend: 'runc', allowed: true, refusals: [], changes: [], checks: [] };

test('the audit log\'s directory is made, root\'s alone, on a host that has none yet; lines are appended', t => {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-audit-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'var', 'log', 'hardrun', 'audit.jsonl');
  writeAudit(file, record);
  writeAudit(file, { ...record, id: 'c2' });
  t.deepEqual(readFileSync(file, 'utf8').trim().split('\n').map(line => (JSON.parse(line) as { id: string }).id), ['c1', 'c2']);
  t.is(statSync(join(dir, 'var', 'log', 'hardrun')).mode & 0o777, 0o700);
  t.is(statSync(file).mode & 0o777, 0o600);
});
