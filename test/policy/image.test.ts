import test from 'ava';
import { admitSpec } from '../../src/policy/admit.js';
import { decide } from '../../src/policy/decide.js';
import { formatImageReference, parseImageReference } from '../../src/policy/image-reference.js';
import { criImageAnnotation, imageMatches, imageOf, namedImage, type DockerImageRecord } from '../../src/policy/image.js';
import { checkPolicyText } from '../../src/policy/check.js';
import type { Subject } from '../../src/policy/match.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import type { Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec } from '../helpers/specs.js';
import { slotAt, type IdPool } from '../../src/state/id-slots.js';
import { testOrigin } from '../helpers/specs.js';

const ids = { pool: { uids: { hostID: 100000, size: 65536 }, gids: { hostID: 100000, size: 65536 } }, pick: (pool: IdPool) => slotAt(pool, 0) };

const imageId = `sha256:${'a'.repeat(64)}`;
const repoDigest = `sha256:${'b'.repeat(64)}`;
const dockerRoot = `/var/lib/docker/overlay2/${'c'.repeat(64)}/merged`;
const dockerId = 'd'.repeat(64);

/** A subject whose host answers Docker's record with `record` (or nothing, when it is no Docker rootfs). */
const lookups = new WeakMap<Subject, { count: number }>();
function subject(options: { record?: DockerImageRecord; caller?: string; spec?: Spec } = {}): Subject {
  const counter = { count: 0 };
  const host = { ...fakeHost(), readDockerRecord: (rootPath: string) => { counter.count += 1; return rootPath === dockerRoot ? options.record : undefined; } };
  const spec = options.spec ?? { ...minimalSpec, root: { path: dockerRoot } };
  const made: Subject = { id: dockerId, spec, caller: options.caller ?? 'moby', host, origin: testOrigin, defaultDevices: [] };
  lookups.set(made, counter);
  return made;
}
const record = (reference: string): DockerImageRecord => ({ found: true, reference, imageId, file: `/var/lib/docker/containers/${dockerId}/config.v2.json` });

const normalised: [string, string | undefined][] = [
  ['nginx', 'docker.io/library/nginx'],
  ['nginx:1.25', 'docker.io/library/nginx:1.25'],
  ['library/nginx', 'docker.io/library/nginx'],
  ['index.docker.io/library/nginx', 'docker.io/library/nginx'],
  ['docker.io/nginx', 'docker.io/library/nginx'],
  ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
  ['localhost/app', 'localhost/app'],
  ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
  ['registry.example.com/team/app', 'registry.example.com/team/app'],
  [`nginx@${repoDigest}`, `docker.io/library/nginx@${repoDigest}`],
  [`nginx:1.25@${repoDigest}`, `docker.io/library/nginx:1.25@${repoDigest}`],
  [imageId, imageId],
  ['a'.repeat(64), imageId],
  ['registry.example.com/team/*', 'registry.example.com/team/*'],
  ['Nginx', undefined],
  ['nginx:', undefined],
  ['nginx@sha256:short', undefined],
  ['/nginx', undefined],
  ['', undefined],
];
for (const [text, expected] of normalised) {
  test(`reference "${text}" normalises as Docker does: ${expected ?? 'refused'}`, t => {
    const parsed = parseImageReference(text);
    t.is(parsed === undefined ? undefined : formatImageReference(parsed), expected);
  });
}

test('Docker\'s record gives the repository, the tag (latest by default) and both digests', t => {
  const plain = imageOf(subject({ record: record('nginx') }));
  t.like(plain, { known: true, repository: 'docker.io/library/nginx', tag: 'latest', digests: [imageId] });
  const pinned = imageOf(subject({ record: record(`nginx@${repoDigest}`) }));
  t.like(pinned, { known: true, repository: 'docker.io/library/nginx', digests: [repoDigest, imageId] });
  t.is((pinned as { tag?: string }).tag, undefined);
});

test('a container run by image id (or its prefix) has no repository, only the id', t => {
  for (const reference of ['aaaaaaaaaaaa', imageId, 'a'.repeat(64)]) {
    const identity = imageOf(subject({ record: record(reference) }));
    t.like(identity, { known: true, digests: [imageId] }, reference);
    t.is((identity as { repository?: string }).repository, undefined, reference);
  }
  // A hex name that is not a prefix of the image id is a repository name.
  t.like(imageOf(subject({ record: record('abc123') })), { repository: 'docker.io/library/abc123' });
});

test('a record that cannot be trusted makes the image unknown, and no image rule matches', t => {
  const identity = imageOf(subject({ record: { found: false, reason: 'config.v2.json is owned by uid 1000, not root' } }));
  t.deepEqual(identity, { known: false, reason: 'config.v2.json is owned by uid 1000, not root' });
  t.false(imageMatches(['*'], identity));
  t.false(imageMatches(['docker.io/library/*'], identity));
});

test('the CRI annotation names the image only for the k8s.io caller; under Docker an annotation is the user\'s and is ignored', t => {
  const spec = { ...minimalSpec, annotations: { [criImageAnnotation]: 'docker.io/library/nginx:1.25' } };
  t.like(imageOf(subject({ spec, caller: 'k8s.io' })), { known: true, repository: 'docker.io/library/nginx', tag: '1.25' });
  t.like(imageOf(subject({ spec, caller: 'moby' })), { known: false });
  t.like(imageOf(subject({ spec, caller: 'default' })), { known: false });
  t.like(imageOf(subject({ spec: minimalSpec, caller: 'k8s.io' })), { known: false, reason: `the k8s.io caller set no ${criImageAnnotation} annotation` });
  // Docker's record wins over an annotation, even from k8s.io.
  const both = { ...spec, root: { path: dockerRoot } };
  t.like(imageOf(subject({ spec: both, caller: 'k8s.io', record: record('redis') })), { repository: 'docker.io/library/redis' });
});

const matching: [string[], string, boolean][] = [
  [['nginx'], 'nginx:1.25', true],
  [['docker.io/library/nginx'], 'nginx', true],
  [['nginx:1.25'], 'nginx:1.25', true],
  [['nginx:1.25'], 'nginx', false],
  [['nginx:latest'], 'nginx', true],
  [['nginx:1.*'], 'nginx:1.25', true],
  [['nginx:1.*'], 'nginx:2.0', false],
  [['nginx'], 'nginx-unprivileged', false],
  [['nginx'], 'evil/nginx', false],
  [['nginx'], 'registry.example.com/nginx', false],
  [['registry.example.com/team/*'], 'registry.example.com/team/app:v2', true],
  [['registry.example.com/team/*'], 'registry.example.com/other/app', false],
  [['redis', 'nginx'], 'nginx', true],
  [[`nginx@${repoDigest}`], `nginx@${repoDigest}`, true],
  [[repoDigest], `nginx@${repoDigest}`, true],
  [[repoDigest], 'nginx:1.25', false],
];
for (const [patterns, reference, expected] of matching) {
  test(`image rule ${JSON.stringify(patterns)} ${expected ? 'matches' : 'does not match'} ${reference}`, t => {
    t.is(imageMatches(patterns, namedImage(reference, 'test')), expected);
  });
}

test('the image id from Docker\'s record matches a digest rule', t => {
  t.true(imageMatches([imageId], imageOf(subject({ record: record('nginx') }))));
  t.false(imageMatches([`nginx@${imageId}`], imageOf(subject({ record: record('redis') }))));
});

const policy = normalizePolicy({
  version: 1,
  rules: [
    { name: 'sshd', match: { image: ['registry.example.com/sshd'] }, hardening: { capabilities: { allow: ['CHOWN', 'SETUID', 'SETGID', 'SYS_CHROOT'] }, rootfs: { mode: 'audit' } } },
    { name: 'k8s-nginx', match: { caller: ['k8s.io'], image: ['nginx'] }, hardening: { rootfs: { writablePaths: ['/tmp', '/run', '/var/lib/nginx'] } } },
  ],
}, 'test');
const sshdSpec: Spec = { ...minimalSpec, root: { path: dockerRoot }, process: { ...minimalSpec.process, capabilities: { bounding: ['CAP_CHOWN', 'CAP_SYS_CHROOT', 'CAP_NET_RAW'] } } };

test('an image rule relaxes hardening: it is the operator\'s, not the container user\'s', t => {
  const admission = admitSpec(policy, subject({ spec: sshdSpec, record: record('registry.example.com/sshd:9') }), ids);
  t.is(admission.decision.rule, 'sshd');
  t.deepEqual(admission.spec.process?.capabilities?.bounding, ['CAP_CHOWN', 'CAP_SYS_CHROOT']);
  t.not(admission.spec.root?.readonly, true, 'rootfs in audit mode: the root stays writable');
  t.like(admission.image, { known: true, repository: 'registry.example.com/sshd', tag: '9' });
});

test('an unknown image gets the top-level settings, and the image is looked up once per container', t => {
  const unknown = subject({ spec: sshdSpec, record: { found: false, reason: 'no record' } });
  const admission = admitSpec(policy, unknown, ids);
  t.is(admission.decision.rule, 'default');
  t.deepEqual(admission.spec.process?.capabilities?.bounding, ['CAP_CHOWN']);
  t.is(lookups.get(unknown)!.count, 1);
});

test('no image rule, no lookup', t => {
  const plain = normalizePolicy({ version: 1, rules: [{ name: 'admin', match: { capabilities: ['SYS_ADMIN'] } }] }, 'test');
  const looked = subject({ record: record('nginx') });
  t.is(decide(plain, looked).rule, 'default');
  const admission = admitSpec(plain, looked, ids);
  t.is(lookups.get(looked)!.count, 0);
  t.is(admission.image, undefined);
});

test('a rule on the image and the caller: Kubernetes\' nginx gets its writable path, Docker\'s does not', t => {
  const spec = { ...minimalSpec, annotations: { [criImageAnnotation]: 'docker.io/library/nginx:1.25' } };
  t.is(decide(policy, subject({ spec, caller: 'k8s.io' })).rule, 'k8s-nginx');
  t.is(decide(policy, subject({ spec, caller: 'moby' })).rule, 'default');
});

test('policy check refuses an image pattern that is no reference, with its path', async t => {
  const verdict = await checkPolicyText(JSON.stringify({ rules: [{ name: 'x', match: { image: ['nginx', 'Not A Reference'] } }] }), 'p.json');
  t.deepEqual(verdict.problems.map(problem => problem.path), ['rules[0].match.image[1]']);
  const empty = await checkPolicyText(JSON.stringify({ rules: [{ name: 'x', match: { image: [] } }] }), 'p.json');
  t.true(empty.problems.length > 0);
});
