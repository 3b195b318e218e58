import test from 'ava';
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

test('the exec process document reads null fields as absent too', t => {
  t.deepEqual(asProcess({ args: ['true'], cwd: '/', capabilities: null, env: null }, 'process.json'), { args: ['true'], cwd: '/' });
  t.throws(() => asProcess({ args: null, cwd: 7 }, 'process.json'), { instanceOf: HardrunError, message: /cwd/ });
});
