import test from 'ava';
import { renderCopyright } from '../../src/packaging/copyright.js';

test('the copyright file covers hardrun, every bundled npm package and Bun, with each license it names given in full or by its common-licenses path', t => {
  const text = renderCopyright('.', 2026);
  const paragraphs = text.trimEnd().split('\n\n');
  t.is(paragraphs[0], 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: hardrun');
  t.regex(text, /^Files: \*\nCopyright: 2026 hardrun contributors\nLicense: Apache-2\.0$/m);
  for (const name of ['yargs', 'ajv', 'execa', 'yaml', 'smol-toml', 'bun']) t.regex(text, new RegExp(`^Files: node_modules/${name}/\\*$`, 'm'), name);
  const named = new Set([...text.matchAll(/^License: (\S+)$/gm)].map(match => match[1]));
  const given = new Set(paragraphs.filter(paragraph => paragraph.startsWith('License: ')).map(paragraph => /^License: (\S+)/.exec(paragraph)?.[1]));
  t.deepEqual([...named].sort(), [...given].sort());
  t.regex(text, /\/usr\/share\/common-licenses\/Apache-2\.0/);
  t.notRegex(text, /^Copyright: Copyright/m);
});
