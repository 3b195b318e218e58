import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { admitSpec } from '../../src/policy/admit.js';
import { builtinPolicy } from '../../src/policy/builtin.js';
import type { PolicyDocument } from '../../src/policy/generated/policy-document.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import type { Policy } from '../../src/policy/policy.js';
import { parseRuncArgv } from '../../src/cli/argv.js';
import { makeCall } from '../../src/runtime/call.js';
import { createIfWatched, watchesOnly } from '../../src/runtime/watch-create.js';
import type { Spec } from '../../src/spec/types.js';
import { slotAt, type IdPool } from '../../src/state/id-slots.js';
import { fakeHost } from '../helpers/fake-host.js';
import { testOrigin } from '../helpers/specs.js';
import { watchOnlyPolicyYaml } from '../helpers/watch-policy.js';

async function documented(): Promise<Policy> {
  return normalizePolicy(parse(await watchOnlyPolicyYaml('/var/log/hardrun/audit.jsonl')) as PolicyDocument, 'watch.yaml');
}

test('a policy only watches when nothing in it hardens, enforces, sends elsewhere or learns', async t => {
  const one = await documented();
  t.true(watchesOnly(one), 'docs/policy.md\'s watch-only policy');
  t.false(watchesOnly(builtinPolicy));
  t.false(watchesOnly({ ...one, hardening: { ...one.hardening, seccomp: { ...one.hardening.seccomp, mode: 'harden' } } }), 'one transform hardening');
  for (const mode of ['enforce', 'sandbox', 'harden'] as const) {
    t.false(watchesOnly({ ...one, checks: { ...one.checks, hostNamespaces: { ...one.checks.hostNamespaces, mode } } }), `a check in ${mode}`);
  }
  t.true(watchesOnly({ ...one, checks: { ...one.checks, hostNamespaces: { ...one.checks.hostNamespaces, mode: 'off' } } }), 'a check off watches less, still only watches');
  t.false(watchesOnly({ ...one, hardening: { ...one.hardening, rootfs: { ...one.hardening.rootfs, learn: true } } }), 'learning');
  t.false(watchesOnly({ ...one, rules: [{ name: 'r', match: {}, userControlled: false }] }), 'a rule may choose another backend');
  t.false(watchesOnly({ ...one, defaultBackend: 'runsc', backends: { ...one.backends } }), 'a default backend of another kind');
});

// What a watched create's early hand-over rests on: under such a policy the
// decision changes nothing, refuses nothing and keeps the default backend.
test('under a policy that only watches, the decision hands over the caller\'s spec unchanged, to the default backend, refusing nothing', async t => {
  const policy = await documented();
  const ids = { pool: { uids: { hostID: 100000, size: 65536 }, gids: { hostID: 100000, size: 65536 } }, pick: (pool: IdPool) => slotAt(pool, 0) };
  for (const name of ['docker-default', 'docker-privileged', 'docker-cap-sys-admin', 'docker-unconfined']) {
    const spec = JSON.parse(readFileSync(`test/fixtures/specs/${name}.json`, 'utf8')) as Spec;
    const before = structuredClone(spec);
    const admission = admitSpec(policy, { id: 'c1', spec, caller: 'moby', host: fakeHost(), origin: testOrigin, defaultDevices: policy.hardening.devices.allow }, ids);
    t.deepEqual(admission.spec, before, name);
    t.deepEqual(admission.refusals, [], name);
    t.is(admission.backend.name, policy.defaultBackend, name);
    t.true(admission.findings.length + admission.judged.length > 0, `${name}: what the built-in policy would do is still found`);
  }
});

// The front hands a watched config.json over before its shape is checked:
// what it cannot read of the hooks and the root goes the full create's way,
// which checks the shape and refuses in hardrun's words, with nothing
// started and nothing written.
test('a watched create that cannot read config.json\'s hooks or root leaves it to the full create, starting and writing nothing', async t => {
  const policy = await documented();
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-watch-front-'));
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }); });
  const root = join(dir, 'state');
  const call = makeCall(parseRuncArgv(['--root', root, 'create', '--bundle', dir, 'w']), {});
  const ordinary = JSON.parse(readFileSync('test/fixtures/specs/docker-default.json', 'utf8')) as Record<string, unknown>;
  const unreadable: Record<string, unknown>[] = [
    { ...ordinary, hooks: { poststop: 'not a list' } },
    { ...ordinary, hooks: { poststop: [null] } },
    { ...ordinary, root: undefined },
    { ...ordinary, root: { path: 7 } },
  ];
  for (const value of [null, 'config', ...unreadable]) {
    const text = JSON.stringify(value);
    t.is(await createIfWatched(call, policy, 'w', dir, { value, text }), undefined, text.slice(0, 60));
  }
  t.false(existsSync(`${root}.hardrun`), 'no @default written');
  t.false(existsSync(root), 'no backend state');
});
