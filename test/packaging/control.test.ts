import test from 'ava';
import { renderChangelog } from '../../src/packaging/changelog.js';
import { renderControl } from '../../src/packaging/control.js';

const facts = { version: '1.2.3~rc.1', commit: '0123456789ab', epoch: 1_796_000_000 };

test('control names the version, architecture, runc as a dependency and the other backends as suggestions', t => {
  const control = renderControl({ facts, arch: 'arm64', glibc: '2.17', installedSizeKiB: 111_986 });
  t.regex(control, /^Package: hardrun\nVersion: 1\.2\.3~rc\.1\nArchitecture: arm64\n/);
  t.regex(control, /^Installed-Size: 111986$/m);
  t.regex(control, /^Depends: libc6 \(>= 2\.17\), runc$/m);
  t.regex(control, /^Suggests: crun, runsc, docker\.io \| containerd$/m);
  t.true(control.endsWith('\n') && !control.includes('\n\n'), 'one paragraph');
  t.true(control.split('\n').filter(line => line.startsWith(' ')).every(line => line.length <= 80), 'description lines fit 80 columns');
});

test('the changelog entry names the commit and is dated with the build\'s one timestamp', t => {
  t.is(renderChangelog(facts).split('\n')[0], 'hardrun (1.2.3~rc.1) unstable; urgency=medium');
  t.regex(renderChangelog(facts), /Built from commit 0123456789ab\.\n\n -- .+ <.+>  \w{3}, \d\d \w{3} 2026 \d\d:\d\d:\d\d \+0000\n$/);
});
