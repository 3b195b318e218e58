import test from 'ava';
import { readFile } from 'node:fs/promises';
import { diffJson, formatChanges } from '../../src/human/json-diff.js';

const diffText = async (before: unknown, after: unknown): Promise<string[]> => formatChanges(await diffJson(before, after)).split('\n').filter(line => line !== '');

const cases: readonly { title: string; before: unknown; after: unknown; lines: string[] }[] = [
  { title: 'nothing changed', before: { a: [1, { b: 2 }] }, after: { a: [1, { b: 2 }] }, lines: [] },
  { title: 'a leaf added, one changed, one removed', before: { root: { path: 'rootfs', readonly: false }, hostname: 'x' }, after: { root: { path: 'rootfs', readonly: true } },
    lines: ['- root.readonly: false', '+ root.readonly: true', '- hostname: "x"'] },
  { title: 'a list of names: what left and what came, by value', before: { caps: ['CAP_CHOWN', 'CAP_NET_RAW', 'CAP_KILL'] }, after: { caps: ['CAP_KILL', 'CAP_CHOWN', 'CAP_SETUID'] },
    lines: ['- caps: "CAP_NET_RAW"', '+ caps: "CAP_SETUID"'] },
  { title: 'a list only reordered', before: { caps: ['A', 'B'] }, after: { caps: ['B', 'A'] }, lines: ['~ caps: reordered'] },
  { title: 'mounts by their destination, wherever they sit', before: { mounts: [{ destination: '/proc', type: 'proc' }, { destination: '/etc/hosts', options: ['rbind', 'rw'] }] },
    after: { mounts: [{ destination: '/tmp', type: 'tmpfs' }, { destination: '/proc', type: 'proc' }, { destination: '/etc/hosts', options: ['rbind', 'ro'] }] },
    lines: ['+ mounts[/tmp]: {"destination":"/tmp","type":"tmpfs"}', '- mounts[/etc/hosts].options: "rw"', '+ mounts[/etc/hosts].options: "ro"'] },
  { title: 'an added object reads key by key', before: { linux: {} }, after: { linux: { seccomp: { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mount'], action: 'SCMP_ACT_ERRNO' }] } } },
    lines: ['+ linux.seccomp.defaultAction: "SCMP_ACT_ALLOW"', '+ linux.seccomp.syscalls[SCMP_ACT_ERRNO mount]: {"names":["mount"],"action":"SCMP_ACT_ERRNO"}'] },
];

for (const { title, before, after, lines } of cases) {
  test(`diff: ${title}`, async t => {
    t.deepEqual(await diffText(before, after), lines);
  });
}

test('seccomp: syscalls taken out of a rule read as those names, not as every later index', async t => {
  const rule = (names: string[], action = 'SCMP_ACT_ALLOW'): object => ({ names, action });
  const before = { linux: { seccomp: { defaultAction: 'SCMP_ACT_ERRNO', syscalls: [rule(['accept', 'keyctl', 'ptrace', 'read']), { ...rule(['clone']), args: [{ index: 0, value: 2114060288, op: 'SCMP_CMP_MASKED_EQ' }] }, rule(['write'])] } } };
  const after = { linux: { seccomp: { defaultAction: 'SCMP_ACT_ERRNO', syscalls: [rule(['accept', 'read']), { ...rule(['clone']), args: [{ index: 0, value: 2114060288, op: 'SCMP_CMP_MASKED_EQ' }] }, rule(['write']), { ...rule(['keyctl', 'ptrace'], 'SCMP_ACT_ERRNO'), errnoRet: 1 }] } } };
  t.deepEqual(await diffText(before, after), [
    '+ linux.seccomp.syscalls[SCMP_ACT_ERRNO keyctl ptrace]: {"names":["keyctl","ptrace"],"action":"SCMP_ACT_ERRNO","errnoRet":1}',
    '- linux.seccomp.syscalls[SCMP_ACT_ALLOW accept read].names: "keyctl", "ptrace"',
  ]);
});

test('Docker\'s default profile, tightened: every line names a syscall or a rule, none an index', async t => {
  const spec = JSON.parse(await readFile('test/fixtures/specs/docker-cap-sys-admin.json', 'utf8')) as { linux: { seccomp: { syscalls: { names: string[] }[] } } };
  const tightened = structuredClone(spec);
  const first = tightened.linux.seccomp.syscalls.findIndex(rule => rule.names.includes('mount'));
  t.true(first >= 0, 'the fixture allows mount');
  tightened.linux.seccomp.syscalls[first]!.names = tightened.linux.seccomp.syscalls[first]!.names.filter(name => name !== 'mount');
  const lines = await diffText(spec, tightened);
  t.is(lines.length, 1, lines.join('\n'));
  t.regex(lines[0]!, /^- linux\.seccomp\.syscalls\[SCMP_ACT_\w+ [^\]]*\]\.names: "mount"$/);
});

test('the JSON form names each change\'s action', async t => {
  t.deepEqual(await diffJson({ a: 1, l: ['x'] }, { a: 2, l: ['y'] }), [
    { path: 'a', action: 'changed', before: 1, after: 2 },
    { path: 'l', action: 'removed', before: ['x'] },
    { path: 'l', action: 'added', after: ['y'] },
  ]);
});

test('a rule that only moved is no change of its own', async t => {
  const rules = [{ names: ['a'], action: 'X' }, { names: ['b'], action: 'X' }, { names: ['c'], action: 'Y' }];
  t.deepEqual(await diffText({ syscalls: rules }, { syscalls: [rules[2], rules[0], rules[1]] }), ['~ syscalls: reordered']);
  t.deepEqual(await diffText({ syscalls: rules }, { syscalls: [rules[2], rules[0], { names: ['b', 'd'], action: 'X' }] }), ['+ syscalls[X b d].names: "d"']);
});
