import test from 'ava';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostFacts } from '../../src/host/facts.js';

test('container paths resolve inside the rootfs, never on the host, and come back as container paths', t => {
  const rootfs = mkdtempSync(join(tmpdir(), 'hardrun-rootfs-'));
  t.teardown(() => rmSync(rootfs, { recursive: true, force: true }));
  mkdirSync(join(rootfs, 'run'));
  mkdirSync(join(rootfs, 'var'));
  symlinkSync('/run', join(rootfs, 'var', 'run'));
  symlinkSync('../../etc', join(rootfs, 'var', 'escape'));
  symlinkSync('loop', join(rootfs, 'loop'));
  const resolve = (path: string) => hostFacts.resolveInRootfs!(rootfs, path);
  t.is(resolve('/var/run/postgresql'), '/run/postgresql');
  t.is(resolve('/var/run'), '/run');
  t.is(resolve('/var/escape/passwd'), '/etc/passwd');
  t.is(resolve('/tmp'), '/tmp');
  t.is(resolve('/'), '/');
  t.is(resolve('/loop/x'), '/loop/x', 'a loop is judged as written');
});
