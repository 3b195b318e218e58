import test from 'ava';
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { admitSpec, type Admission } from '../../src/policy/admit.js';
import { cacheKey, policyCacheEntry } from '../../src/policy/cache.js';
import { checkPolicyText } from '../../src/policy/check.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import type { Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { slotAt, type IdPool } from '../../src/state/id-slots.js';
import { testOrigin } from '../helpers/specs.js';

const ranges = { pool: { uids: { hostID: 100000, size: 65536 }, gids: { hostID: 100000, size: 65536 } }, pick: (pool: IdPool) => slotAt(pool, 0) };
const dockerSpec = JSON.parse(readFileSync('test/fixtures/specs/docker-privileged.json', 'utf8')) as Spec;

/** A policy with rules, a sandbox backend, a check in sandbox mode and a backend named __proto__. */
const policyText = `
version: 1
defaultBackend: runc
sandboxBackend: gvisor
audit: { file: /var/log/hardrun/audit.jsonl }
backends:
  gvisor: { path: /usr/bin/runsc, kind: runsc, args: ["--network=none"] }
  __proto__: { path: /usr/bin/runc }
checks:
  hostNamespaces: { mode: sandbox }
rules:
  - name: builds
    match: { caller: [moby], capabilities: [CAP_SYS_ADMIN] }
    backend: gvisor
  - name: tools
    match: { env: { TOOL: "1" } }
    backend: gvisor
`;

async function scratch(t: import('ava').ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-cache-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'policy.cache');
}

/** An admission without the checks' fix closures, which differ between any two calls. */
function comparable(admission: Admission) {
  return { ...admission, judged: admission.judged.map(({ violation: { fix: _fix, ...violation }, mode }) => ({ violation, mode })) };
}

async function loaded() {
  const verdict = await checkPolicyText(policyText, '/etc/hardrun/policy.yaml');
  if (verdict.document === undefined) throw new Error(verdict.problems.map(problem => problem.message).join('; '));
  return normalizePolicy(verdict.document, '/etc/hardrun/policy.yaml');
}

test('a policy read back from the cache decides and hardens exactly as the one loaded', async t => {
  const file = await scratch(t);
  const policy = await loaded();
  policyCacheEntry(file, 'k1').keep(policy);
  const cached = policyCacheEntry(file, 'k1').policy;
  if (cached === undefined) return t.fail('the entry just written was not read back');
  t.deepEqual(Object.keys(cached.backends).sort(), Object.keys(policy.backends).sort());
  t.true(Object.hasOwn(cached.backends, '__proto__'));
  for (const spec of [dockerSpec, { ...dockerSpec, process: { ...dockerSpec.process!, env: ['TOOL=1'] } }]) {
    const subject = { id: 'c1', spec, caller: 'moby' as const, host: fakeHost(), origin: testOrigin, defaultDevices: policy.hardening.devices.allow };
    t.deepEqual(comparable(admitSpec(cached, { ...subject, defaultDevices: cached.hardening.devices.allow }, ranges)), comparable(admitSpec(policy, subject, ranges)));
  }
});

test('an entry is used only for its own key', async t => {
  const file = await scratch(t);
  policyCacheEntry(file, 'k1').keep(await loaded());
  t.is(policyCacheEntry(file, 'k2').policy, undefined);
  t.is(policyCacheEntry(file, '').policy, undefined);
  t.is(policyCacheEntry(`${file}.missing`, 'k1').policy, undefined);
});

test('the eight most recent policies are kept, the latest first', async t => {
  const file = await scratch(t);
  const policy = await loaded();
  for (let n = 1; n <= 10; n += 1) policyCacheEntry(file, `k${n}`).keep({ ...policy, defaultBackend: `b${n}` });
  policyCacheEntry(file, 'k5').keep({ ...policy, defaultBackend: 'b5 again' });
  t.deepEqual((await readFile(file, 'utf8')).trim().split('\n').map(line => line.split('\t')[0]), ['k5', 'k10', 'k9', 'k8', 'k7', 'k6', 'k4', 'k3']);
  t.is(policyCacheEntry(file, 'k5').policy?.defaultBackend, 'b5 again');
  t.is(policyCacheEntry(file, 'k3').policy?.defaultBackend, 'b3');
  t.is(policyCacheEntry(file, 'k2').policy, undefined);
});

test('an entry others could have written, a symlink or a damaged file is a miss, never an error', async t => {
  const file = await scratch(t);
  policyCacheEntry(file, 'k1').keep(await loaded());
  t.is((await readFile(file, 'utf8')).split('\t')[0], 'k1');
  await chmod(file, 0o620);
  t.is(policyCacheEntry(file, 'k1').policy, undefined, 'group-writable entry believed');
  await chmod(file, 0o600);
  const link = `${file}.link`;
  await symlink(file, link);
  t.is(policyCacheEntry(link, 'k1').policy, undefined, 'symlink followed');
  await writeFile(file, 'k1\n{"defaultBackend":', { mode: 0o600 });
  t.is(policyCacheEntry(file, 'k1').policy, undefined, 'damaged entry believed');
});

test('the key changes with the engine, the path and every byte of the text', t => {
  const base = cacheKey('1:2:3:4', '/etc/hardrun/policy.yaml', policyText);
  t.regex(base, /^[0-9a-f]{64}$/);
  t.is(cacheKey('1:2:3:4', '/etc/hardrun/policy.yaml', policyText), base);
  t.not(cacheKey('1:2:3:5', '/etc/hardrun/policy.yaml', policyText), base);
  t.not(cacheKey('1:2:3:4', '/etc/hardrun/other.yaml', policyText), base);
  t.not(cacheKey('1:2:3:4', '/etc/hardrun/policy.yaml', policyText.replace('gvisor', 'gvisoR')), base);
});
