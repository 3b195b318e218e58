import test from 'ava';
import { runcFixesLacking } from '../../src/human/doctor/runc-fixes.js';

const trio = ['CVE-2025-31133', 'CVE-2025-52565', 'CVE-2025-52881'];
const cases: [string, string[] | undefined][] = [
  ['runc version 1.1.5+ds1', ['CVE-2024-21626', ...trio]],
  ['runc version 1.1.12', trio],
  ['runc version 1.0.0-rc6', ['CVE-2019-5736', 'CVE-2024-21626', ...trio]],
  ['runc version 1.0.0-rc7', ['CVE-2024-21626', ...trio]],
  ['runc version 1.2.7', trio],
  ['runc version 1.2.8', []],
  ['runc version 1.3.2', trio],
  ['runc version 1.3.3', []],
  ['runc version 1.4.0-rc.2', trio],
  ['runc version 1.4.0-rc.3', []],
  ['runc version 1.4.0', []],
  ['runc version 1.5.1', []],
  ['runsc version release-20240513.0', undefined],
  ['crun version 1.8', undefined],
];
for (const [line, lacking] of cases) {
  test(`runc fixes: ${line}`, t => {
    t.deepEqual(runcFixesLacking(line)?.lacking, lacking);
  });
}
