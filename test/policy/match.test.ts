import test from 'ava';
import { matchesRule, type Subject } from '../../src/policy/match.js';
import type { MatchDocument } from '../../src/policy/generated/policy-document.js';
import type { Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec, testOrigin } from '../helpers/specs.js';

const subject = (spec: Spec): Subject => ({ id: 'c1', spec, caller: 'moby', host: fakeHost(), origin: testOrigin, defaultDevices: [] });
const withEnv = (...env: string[]): Spec => ({ ...minimalSpec, process: { ...minimalSpec.process, env } });
const withAnnotations = (annotations: Record<string, string>): Spec => ({ ...minimalSpec, annotations });

test('an annotation matches only when the spec sets it, never through the prototype', t => {
  for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
    t.false(matchesRule({ annotations: { [key]: '*' } }, subject(withAnnotations({}))), key);
    t.false(matchesRule({ annotations: { [key]: '*' } }, subject(minimalSpec)), `${key} with no annotations`);
  }
  t.true(matchesRule({ annotations: { constructor: 'x' } }, subject(withAnnotations(JSON.parse('{"constructor":"x"}') as Record<string, string>))));
  t.true(matchesRule({ annotations: { sandbox: 'y*' } }, subject(withAnnotations({ sandbox: 'yes' }))));
  t.false(matchesRule({ annotations: { sandbox: 'y*' } }, subject(withAnnotations({ sandbox: 'no' }))));
});

// runc refuses to start a process whose environment has an entry without
// "=": such an entry sets no variable, so it matches no name.
const envCases: readonly [string, readonly string[], Record<string, string>, boolean][] = [
  ['an entry without "=" is no variable', ['FAST'], { FAS: '*' }, false],
  ['an entry without "=" is not the variable it spells either', ['FAST'], { FAST: '*' }, false],
  ['an entry without "=" does not hide a later one', ['FAST', 'FAST=1'], { FAST: '1' }, true],
  ['a value may hold "="', ['OPTS=a=b'], { OPTS: 'a=b' }, true],
  ['an empty value', ['EMPTY='], { EMPTY: '' }, true],
  ['the last of two entries counts, as in the process', ['MODE=slow', 'MODE=fast'], { MODE: 'fast' }, true],
  ['a missing variable', ['OTHER=1'], { MODE: '*' }, false],
];

for (const [title, env, wanted, expected] of envCases) {
  test(`env: ${title}`, t => {
    t.is(matchesRule({ env: wanted }, subject(withEnv(...env))), expected);
  });
}

// Every condition a rule can name, each alone and then together: a rule
// matches when every field it names holds, and within a list any item.
const withMounts = (...mounts: NonNullable<Spec['mounts']>): Spec => ({ ...minimalSpec, mounts });
const bindOf = (source: string, destination = '/data'): NonNullable<Spec['mounts']>[number] => ({ destination, type: 'bind', source, options: ['rbind'] });
const withBounding = (...bounding: string[]): Spec => ({ ...minimalSpec, process: { ...minimalSpec.process, capabilities: { bounding } } });
const withProcess = (process: NonNullable<Spec['process']>): Spec => ({ ...minimalSpec, process: { ...minimalSpec.process, ...process } });
const nginx: Subject['image'] = { known: true, recorded: 'nginx:1.25', repository: 'docker.io/library/nginx', tag: '1.25', digests: ['sha256:' + 'a'.repeat(64)], source: 'test' };

const conditionCases: readonly [string, MatchDocument, Subject, boolean][] = [
  ['an empty match matches every container', {}, subject(minimalSpec), true],
  ['caller: the namespace the call comes from', { caller: ['k8s.io', 'moby'] }, subject(minimalSpec), true],
  ['caller: another namespace', { caller: ['k8s.io'] }, subject(minimalSpec), false],
  ['image: a repository, any tag', { image: ['nginx'] }, { ...subject(minimalSpec), image: nginx }, true],
  ['image: another tag', { image: ['nginx:1.24'] }, { ...subject(minimalSpec), image: nginx }, false],
  ['image: an image hardrun cannot know matches nothing, not even *', { image: ['*'] }, { ...subject(minimalSpec), image: { known: false, reason: 'test' } }, false],
  ['capabilities: in any spelling', { capabilities: ['sys_admin'] }, subject(withBounding('CAP_CHOWN', 'CAP_SYS_ADMIN')), true],
  ['capabilities: with the CAP_ prefix', { capabilities: ['CAP_NET_RAW', 'CAP_SYS_ADMIN'] }, subject(withBounding('CAP_SYS_ADMIN')), true],
  ['capabilities: one the spec does not ask for', { capabilities: ['SYS_ADMIN'] }, subject(withBounding('CAP_CHOWN')), false],
  ['capabilities: ALL is any capability at all', { capabilities: ['ALL'] }, subject(withBounding('CAP_CHOWN')), true],
  ['capabilities: ALL, and none asked for', { capabilities: ['ALL'] }, subject(withBounding()), false],
  ['hostNamespaces: a namespace joined by the path of the host\'s', { hostNamespaces: ['network'] },
    { ...subject({ ...minimalSpec, linux: { namespaces: [{ type: 'pid' }, { type: 'network', path: '/proc/1/ns/net' }, { type: 'mount' }] } }), host: fakeHost({}, ['/proc/1/ns/net']) }, true],
  ['hostNamespaces: a namespace left out is the host\'s', { hostNamespaces: ['pid'] }, subject({ ...minimalSpec, linux: { namespaces: [{ type: 'mount' }] } }), true],
  ['hostNamespaces: private namespaces', { hostNamespaces: ['pid', 'network', 'ipc', 'uts'] }, subject(minimalSpec), false],
  ['mounts: a bind of the path itself', { mounts: ['/srv/data'] }, subject(withMounts(bindOf('/srv/data'))), true],
  ['mounts: a bind of a path under it', { mounts: ['/srv/data/'] }, subject(withMounts(bindOf('/srv/data/pg'))), true],
  ['mounts: a bind of a parent is not under it', { mounts: ['/srv/data'] }, subject(withMounts(bindOf('/srv'))), false],
  ['mounts: a sibling that shares the prefix', { mounts: ['/srv/data'] }, subject(withMounts(bindOf('/srv/database'))), false],
  ['mounts: the source as it resolves on the host', { mounts: ['/run'] }, { ...subject(withMounts(bindOf('/var/run/docker.sock'))), host: fakeHost({ '/var/run': '/run' }) }, true],
  ['mounts: the rule\'s path as it resolves on the host too', { mounts: ['/var/run/docker.sock'] }, { ...subject(withMounts(bindOf('/var/run/docker.sock'))), host: fakeHost({ '/var/run': '/run' }) }, true],
  ['mounts: a relative source, joined to the bundle as runc does', { mounts: ['/bundles/secret'] }, subject(withMounts(bindOf('../secret'))), true],
  ['mounts: a tmpfs names no host path', { mounts: ['/srv/data'] }, subject(withMounts({ destination: '/data', type: 'tmpfs', source: '/srv/data' })), false],
  ['devices: a device beyond the defaults', { devices: true }, subject({ ...minimalSpec, linux: { ...minimalSpec.linux, devices: [{ path: '/dev/vda', type: 'b', major: 254, minor: 0 }] } }), true],
  ['devices: true, and none asked for', { devices: true }, subject(minimalSpec), false],
  ['devices: false, and none asked for', { devices: false }, subject(minimalSpec), true],
  ['sysctls: a prefix', { sysctls: ['net.ipv4.*'] }, subject({ ...minimalSpec, linux: { ...minimalSpec.linux, sysctl: { 'net.ipv4.ip_forward': '1' } } }), true],
  ['sysctls: another name', { sysctls: ['kernel.*', 'net.core.somaxconn'] }, subject({ ...minimalSpec, linux: { ...minimalSpec.linux, sysctl: { 'net.ipv4.ip_forward': '1' } } }), false],
  ['privileged: SYS_ADMIN and every device', { privileged: true },
    subject({ ...withBounding('CAP_SYS_ADMIN'), linux: { ...minimalSpec.linux, resources: { devices: [{ allow: true, access: 'rwm' }] } } }), true],
  ['privileged: SYS_ADMIN alone is not --privileged', { privileged: true }, subject(withBounding('CAP_SYS_ADMIN')), false],
  ['privileged: the name as the capabilities transform reads it (cap_sys_admin, SYS_ADMIN)', { privileged: true },
    subject({ ...withBounding(' cap_sys_admin', 'SYS_ADMIN'), linux: { ...minimalSpec.linux, resources: { devices: [{ allow: true, access: 'rwm' }] } } }), true],
  ['privileged: false for an ordinary container', { privileged: false }, subject(minimalSpec), true],
  ['process.args: a glob over the command line', { process: { args: ['nginx -g *'] } }, subject(withProcess({ args: ['nginx', '-g', 'daemon off;'] })), true],
  ['process.args: another command', { process: { args: ['redis*'] } }, subject(withProcess({ args: ['nginx'] })), false],
  ['process.user: no user is uid 0', { process: { user: [0] } }, subject(minimalSpec), true],
  ['process.user: another uid', { process: { user: [0] } }, subject(withProcess({ user: { uid: 101, gid: 101 } })), false],
  ['process.cwd: a glob', { process: { cwd: ['/srv/*'] } }, subject(withProcess({ cwd: '/srv/app' })), true],
  ['process: every field it names must hold', { process: { args: ['nginx*'], cwd: ['/srv/*'] } }, subject(withProcess({ args: ['nginx'], cwd: '/' })), false],
  ['every field of the rule must hold', { caller: ['moby'], capabilities: ['SYS_ADMIN'] }, subject(withBounding('CAP_CHOWN')), false],
  ['every field of the rule holds', { caller: ['moby'], capabilities: ['SYS_ADMIN'], env: { MODE: 'x' } }, subject({ ...withBounding('CAP_SYS_ADMIN'), process: { ...withBounding('CAP_SYS_ADMIN').process, env: ['MODE=x'] } }), true],
];

for (const [title, match, given, expected] of conditionCases) {
  test(`match: ${title}`, t => {
    t.is(matchesRule(match, given), expected);
  });
}
