import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { formatRuncArgv, parseRuncArgv } from '../../src/cli/argv.js';
import { asSpec } from '../../src/bundle/spec-shape.js';
import { HardrunError } from '../../src/errors.js';
import { normalizeCapability } from '../../src/harden/capabilities.js';
import { admitSpec } from '../../src/policy/admit.js';
import { builtinPolicy } from '../../src/policy/builtin.js';
import { decide } from '../../src/policy/decide.js';
import { checkPolicyText } from '../../src/policy/check.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import type { Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec, testOrigin } from '../helpers/specs.js';
import { slotAt, type IdPool } from '../../src/state/id-slots.js';

/**
 * Fuzzing with fast-check, bounded in runs so that CI pays a few seconds:
 * whatever config.json, argv or policy arrives, hardrun either answers or
 * refuses with its own error, and what it lets through keeps its invariants.
 */
const runs = Number(process.env['FUZZ_RUNS'] ?? 300);
const ranges = { pool: { uids: { hostID: 100000, size: 65536 }, gids: { hostID: 100000, size: 65536 } }, pick: (pool: IdPool) => slotAt(pool, 0) };
const dockerSpec = JSON.parse(readFileSync('test/fixtures/specs/docker-privileged.json', 'utf8')) as Spec;

function onlyOurErrors(action: () => void): boolean {
  try {
    action();
    return true;
  } catch (error) {
    if (error instanceof HardrunError) return true;
    throw error;
  }
}

/** A value placed at a random known path of a real Docker config: the shapes hardrun must survive. */
const mutatedSpec = fc.tuple(
  fc.constantFrom('process', 'process.args', 'process.capabilities', 'process.capabilities.bounding', 'process.user', 'process.cwd',
    'root', 'root.path', 'mounts', 'linux', 'linux.namespaces', 'linux.devices', 'linux.resources', 'linux.seccomp',
    'linux.seccomp.syscalls', 'linux.sysctl', 'linux.maskedPaths', 'annotations', 'linux.uidMappings'),
  fc.jsonValue({ maxDepth: 3 }),
).map(([path, value]) => {
  const copy = structuredClone(dockerSpec) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
  return copy;
});

// The privileged fixture's own id (its per-container mounts name it), and the
// built-in policy with the explicit-capability check in harden mode, so that
// what --privileged asks for is admitted and its invariants are held.
const fixtureId = /containers\/([0-9a-f]{64})\//.exec(JSON.stringify(dockerSpec.mounts))![1]!;
const quietPolicy = normalizePolicy({ checks: { extraCapabilities: { mode: 'harden' } } }, 'fuzz');

test('any config.json: refused with hardrun\'s own error, or admitted with its invariants', t => {
  let admitted = 0;
  fc.assert(fc.property(fc.oneof(mutatedSpec, fc.jsonValue({ maxDepth: 4 })), value => {
    return onlyOurErrors(() => {
      const spec = asSpec(value, 'fuzz/config.json');
      const admission = admitSpec(quietPolicy, { id: fixtureId, spec, caller: 'moby', host: fakeHost(), origin: testOrigin, defaultDevices: builtinPolicy.hardening.devices.allow }, ranges);
      if (admission.refusals.length > 0) return;
      admitted += 1;
      const allowed = new Set(builtinPolicy.hardening.capabilities.allow.map(normalizeCapability));
      // The five sets the kernel has; other keys are unknown fields, kept as they came and read by no runtime.
      const capabilities = (admission.spec.process?.capabilities ?? {}) as Record<string, unknown>;
      const sets = ['bounding', 'effective', 'permitted', 'inheritable', 'ambient'].map(set => capabilities[set]).filter(Array.isArray).flat() as string[];
      if (sets.some(name => !allowed.has(normalizeCapability(name)))) throw new Error(`capability outside the allowlist: ${sets.join(',')}`);
      if (admission.spec.root?.readonly !== true) throw new Error('root is not read-only');
      if (admission.spec.process !== undefined && admission.spec.process.noNewPrivileges !== true) throw new Error('noNewPrivileges unset');
    });
  }), { numRuns: runs });
  t.true(admitted > 0, 'no generated config was admitted: the invariants were never checked');
});

const argvToken = fc.oneof(
  fc.constantFrom('create', 'run', 'exec', 'start', 'state', 'kill', 'delete', 'ps', 'update', 'events', 'features', 'spec',
    '--root', '--log', '--log-format', 'json', '--bundle', '-b', '--pid-file', '--console-socket', '--preserve-fds', '--process',
    '-p', '--detach', '-d', '--force', '-f', '--format', '--all', '--', '-', '--root=/r', '--interval=5s', '--policy', '-no-subreaper'),
  fc.string({ maxLength: 12 }),
);

test('any argv: parsed and reproduced token for token, or refused with a flag error', t => {
  fc.assert(fc.property(fc.array(argvToken, { maxLength: 12 }), argv => {
    try {
      return JSON.stringify(formatRuncArgv(parseRuncArgv(argv))) === JSON.stringify(argv);
    } catch (error) {
      return error instanceof HardrunError && /^flag needs an argument: /.test(error.message);
    }
  }), { numRuns: runs * 3 });
  t.pass();
});

const policyKeys = fc.constantFrom('version', 'defaultBackend', 'sandboxBackend', 'backends', 'audit', 'hardening', 'checks', 'rules');
const policyDocument = fc.dictionary(policyKeys, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
const policyText = fc.oneof(
  policyDocument.map(document => JSON.stringify(document)),
  fc.string({ maxLength: 80 }),
  fc.constantFrom('rules:\n  - name: x\n    match: {}\n', 'version: 1\nbackends: [', '{"version": 1', '---\n- a\n- b\n', 'checks: {devices: {mode: sandbox}}'),
);

test('any policy text: a verdict with problems, never a crash; a valid one decides', async t => {
  await fc.assert(fc.asyncProperty(policyText, async text => {
    const verdict = await checkPolicyText(text, text.startsWith('{') ? 'fuzz.json' : 'fuzz.yaml');
    if (verdict.document === undefined) return verdict.problems.length > 0;
    const policy = normalizePolicy(verdict.document, 'fuzz');
    decide(policy, { id: 'fuzz', spec: minimalSpec, caller: 'moby', host: fakeHost(), origin: testOrigin, defaultDevices: [] });
    return true;
  }), { numRuns: runs });
  t.pass();
});
