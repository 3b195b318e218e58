import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { licenseTexts } from './license-texts.js';

interface Bundled {
  readonly name: string;
  readonly copyright: readonly string[];
  readonly license: string;
}

/** The maintainer named in control and the changelog. */
export const maintainer = 'hardrun maintainers <maintainers@users.noreply.h-seed-618fae4a.example>';

/**
 * /usr/share/doc/hardrun/copyright in Debian's machine-readable format: hardrun
 * itself, then every npm package the engine is compiled from (the lock
 * file's non-development packages, with the copyright lines of their own
 * license files), then Bun, whose runtime is the executable's other half.
 */
export function renderCopyright(repo: string, year: number): string {
  const bundled = listBundled(repo);
  const licenses = [...new Set(['Apache-2.0', 'MIT', ...bundled.map(item => item.license)])].sort();
  const texts = licenses.map(license => {
    const text = licenseTexts[license];
    if (text === undefined) throw new Error(`no license text for ${license}: add it to src/packaging/license-texts.ts`);
    return { license, text };
  });
  const paragraphs = [
    ['Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/', 'Upstream-Name: hardrun'],
    ['Files: *', `Copyright: ${year} hardrun contributors`, 'License: Apache-2.0'],
    ...bundled.map(item => [`Files: node_modules/${item.name}/*`, field('Copyright', item.copyright), `License: ${item.license}`]),
    [
      'Files: node_modules/bun/*',
      'Copyright: Oven (Jarred Sumner) and the Bun contributors',
      'License: MIT',
      field('Comment', [
        'hardrun-engine is a Bun executable: the Bun runtime (MIT) is linked into it,',
        'with the libraries Bun links statically, among them JavaScriptCore',
        '(LGPL-2 and BSD-2-Clause). Bun lists them with their licenses at',
        'https://bun.com/docs/project/license',
      ]),
    ],
    ...texts.map(({ license, text }) => [`License: ${license}`, ...text.split('\n').map(line => ` ${line}`)]),
  ];
  return `${paragraphs.map(lines => lines.join('\n')).join('\n\n')}\n`;
}

/** A DEP-5 field whose value spans lines: the first on the field's line, the rest indented. */
function field(name: string, lines: readonly string[]): string {
  return [`${name}: ${lines[0] ?? ''}`, ...lines.slice(1).map(line => ` ${line}`)].join('\n');
}

function listBundled(repo: string): Bundled[] {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true)
    .map(([path]) => describePackage(join(repo, path), path.replace(/^(?:.*\/)?node_modules\//, '')))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .filter((item, index, all) => index === 0 || all[index - 1]?.name !== item.name);
}

function describePackage(dir: string, name: string): Bundled {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { license?: string; author?: string | { name?: string } };
  const license = manifest.license ?? 'unknown';
  const file = readdirSync(dir).sort().find(entry => /^licen[cs]e/i.test(entry));
  const text = file === undefined || !existsSync(join(dir, file)) ? '' : readFileSync(join(dir, file), 'utf8');
  const lines = text.split('\n').map(line => line.trim())
    .filter(line => /^(?:copyright\b|\(c\))/i.test(line) && !/notice|holders?\b/i.test(line))
    // The field names the holders; its own name need not be repeated.
    .map(line => line.replace(/^copyright\s*(?:\(c\)|©)?\s*/i, ''));
  const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
  return { name, license, copyright: lines.length > 0 ? lines : [`the authors of ${name}${author === undefined ? '' : ` (${author})`}`] };
}
