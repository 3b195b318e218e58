import test from 'ava';
import { readFileSync } from 'node:fs';
import { asProcess, asSpec } from '../../src/bundle/spec-shape.js';
import { HardrunError } from '../../src/errors.js';

test('a field that is null is read as absent, as runc reads it, at any depth', t => {
  const value = {
    ociVersion: '1.0.2', annotations: null, hostname: null,
    process: { args: ['sh'], cwd: '/', capabilities: null, user: { uid: 0, gid: 0, additionalGids: null } },
    root: { path: 'rootfs', readonly: null },
    linux: { seccomp: null, namespaces: [{ type: 'pid', path: null }], maskedPaths: null },
  };
  const spec = asSpec(value, 'config.json');
  t.deepEqual(spec, {
    ociVersion: '1.0.2',
    process: { args: ['sh'], cwd: '/', user: { uid: 0, gid: 0 } },
    root: { path: 'rootfs' },
    linux: { namespaces: [{ type: 'pid' }] },
  });
});

test('a null where runc would not read it as absent is still refused: an array\'s item, a map\'s value, the wrong type', t => {
  for (const [value, field] of [
    [{ mounts: [null] }, 'mounts[0]'],
    [{ process: { args: ['sh', null] } }, 'process.args[1]'],
    [{ annotations: { 'org.example': null } }, 'annotations.org.example'],
    [{ linux: { sysctl: { 'net.ipv4.ip_forward': null } } }, 'linux.sysctl'],
    [{ linux: { seccomp: 'none' } }, 'linux.seccomp'],
  ] as const) {
    const error = t.throws(() => asSpec(structuredClone(value), 'config.json'), { instanceOf: HardrunError });
    t.true(error.message.includes(field), `${error.message} should name ${field}`);
  }
});

test('up to 256 null fields are read as absent; the 257th is refused, naming it', t => {
  const mounts = (count: number) => ({ mounts: Array.from({ length: count }, (_, index) => ({ destination: `/m${index}`, options: null })) });
  t.is(asSpec(mounts(256), 'config.json').mounts?.length, 256);
  t.throws(() => asSpec(mounts(257), 'config.json'), { instanceOf: HardrunError, message: /mounts\[256\]\.options: must be array/ });
});

test('the exec process document reads null fields as absent too', t => {
  t.deepEqual(asProcess({ args: ['true'], cwd: '/', capabilities: null, env: null }, 'process.json'), { args: ['true'], cwd: '/' });
  t.throws(() => asProcess({ args: null, cwd: 7 }, 'process.json'), { instanceOf: HardrunError, message: /cwd/ });
});

test('a key Go would read as a field hardrun checks, spelled otherwise, is refused, naming the field: case, and the letters Go folds', t => {
  const cases: [object, RegExp][] = [
    [{ linux: { seccomp: { defaultAction: 'SCMP_ACT_ERRNO' }, Seccomp: { defaultAction: 'SCMP_ACT_ALLOW' } } }, /linux\.Seccomp: runc would read this key as linux\.seccomp .*write it as seccomp/],
    [{ linux: { SECCOMP: {} } }, /linux\.SECCOMP/],
    [{ linux: { '\u017feccomp': {} } }, /linux\.\u017feccomp: runc would read this key as linux\.seccomp/],
    [{ process: { args: ['sh'], cwd: '/', Capabilities: { bounding: ['CAP_SYS_ADMIN'] } } }, /process\.Capabilities: .* as process\.capabilities/],
    [{ process: { args: ['sh'], cwd: '/', capab\u0131lities: {} } }, /process\.capab\u0131lities/],
    [{ mounts: [{ destination: '/x' }, { destination: '/y', Source: '/' }] }, /mounts\[1\]\.Source: .* as mounts\[1\]\.source/],
    [{ linux: { uidMappings: [], UIDMappings: [{ containerID: 0, hostID: 0, size: 1 }] } }, /linux\.UIDMappings/],
    [{ root: { path: 'rootfs', readonly: true, Readonly: false } }, /root\.Readonly/],
    [{ Linux: {} }, /^config\.json config\.json: Linux: runc would read this key as linux/],
  ];
  for (const [value, message] of cases) t.throws(() => asSpec(structuredClone(value), 'config.json'), { instanceOf: HardrunError, message }, JSON.stringify(value));
});

test('Docker\'s own config.json passes', t => {
  for (const file of ['docker-default.json', 'docker-privileged.json']) t.notThrows(() => asSpec(JSON.parse(readFileSync(`test/fixtures/specs/${file}`, 'utf8')), file));
});

test('keys of maps and of fields hardrun does not read are the backend\'s, in any spelling', t => {
  t.notThrows(() => asSpec({ annotations: { Seccomp: 'x', seccomp: 'y' }, linux: { sysctl: { 'Net.Core.Somaxconn': '1' } }, Hooks: {}, hooks: {}, process: { args: ['sh'], cwd: '/', Rlimits: [] } }, 'config.json'));
  t.throws(() => asProcess({ args: ['true'], cwd: '/', NoNewPrivileges: false }, 'process.json'), { instanceOf: HardrunError, message: /process file process\.json: process\.NoNewPrivileges/ });
});
