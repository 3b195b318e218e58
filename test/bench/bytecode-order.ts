// Writes src/bytecode-order.txt, the profile `npm run build:engine` lays the
// engine's bytecode out by (bun build --bytecode-order): which functions a
// create runs, so that Bun places them together at the front of the
// executable and a create maps and links fewer pages. Run as root after
// `npm run build`, then build again: `npm run profile:bytecode && npm run
// build:engine`. A profile from an older build still applies; one that has
// grown stale costs speed, never correctness.
//
// The profile is what the engine used when it exits, and a create ends in
// execve, which never exits: so the profiled create's backend is a file
// the kernel cannot run (ENOEXEC), and the engine gets all the way to the
// hand-over, fails it, undoes the create and exits. The path is the one
// Docker's creates take: its config.json, a 20-layer overlay under the user
// namespace, a YAML policy with the audit log, the policy cache warm.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { enginePath, launcherPath } from '../helpers/shipped.js';
import { makeLayeredBundle } from './bundle.js';

const output = resolve('src/bytecode-order.txt');
const dir = mkdtempSync(join(tmpdir(), 'hardrun-order-'));
const layered = makeLayeredBundle(dir, 20);
try {
  const root = join(dir, 'state');
  mkdirSync(root);
  const backend = join(dir, 'not-a-program');
  writeFileSync(backend, 'no interpreter line: execve fails with ENOEXEC\n', { mode: 0o755 });
  const policy = join(dir, 'policy.yaml');
  writeFileSync(policy, `version: 1\ndefaultBackend: profiled\nbackends:\n  profiled:\n    path: ${backend}\n    kind: runc\naudit:\n  file: ${join(dir, 'audit.jsonl')}\n`);
  const profile = join(dir, 'order.txt');
  // The first create fills the policy cache; the second is the profiled one.
  for (const out of [join(dir, 'warm-up.txt'), profile]) {
    layered.restore();
    // The engine directly: the launcher clears BUN_* from the environment, as it must.
    const result = spawnSync(enginePath, ['--root', root, '--policy', policy, 'create', '--bundle', layered.dir, 'profiled'], {
      env: { PATH: process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin', BUN_BYTECODE_ORDER_OUT: out },
      encoding: 'utf8',
    });
    if (result.status !== 1 || !result.stderr.includes('Exec format error')) {
      throw new Error(`the profiled create should fail at the hand-over (Exec format error); it exited ${result.status ?? result.signal}: ${result.stderr}`);
    }
    spawnSync(launcherPath, ['--root', root, 'delete', 'profiled'], { stdio: 'ignore' });
  }
  const text = readFileSync(profile, 'utf8');
  if (!text.startsWith('v')) throw new Error(`${profile} is not a bytecode order file`);
  writeFileSync(output, text);
  console.log(`${output}: ${text.split('\n').length - 1} entries`);
} finally {
  layered.remove();
  rmSync(dir, { recursive: true, force: true });
}
