import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lintianOverrides } from './lintian-overrides.js';
import type { TreeEntry } from './tree.js';

export interface Generated {
  readonly manPage: string;
  readonly examplePolicy: string;
  readonly copyright: string;
  readonly changelog: string;
}

/**
 * What the package installs, and where. The launcher and the shim front are
 * the files of bin/, in /usr/bin; the engine is out of PATH in
 * /usr/libexec/hardrun, where the launcher looks when it is not beside it
 * (bin/hardrun) and where it finds runc-path (src/shim/install-paths.ts).
 */
export function listContents(repo: string, engine: string, generated: Generated): TreeEntry[] {
  const doc = 'usr/share/doc/hardrun';
  const docs = readdirSync(join(repo, 'docs')).filter(name => name.endsWith('.md')).sort();
  return [
    { path: 'usr/bin/hardrun', mode: 0o755, from: join(repo, 'bin/hardrun') },
    { path: 'usr/bin/containerd-shim-hardrun-v2', mode: 0o755, from: join(repo, 'bin/containerd-shim-hardrun-v2') },
    { path: 'usr/libexec/hardrun/hardrun-engine', mode: 0o755, from: engine },
    { path: 'usr/libexec/hardrun/runc-path/runc', symlink: '../../../bin/hardrun' },
    { path: `${doc}/copyright`, mode: 0o644, text: generated.copyright },
    { path: `${doc}/changelog.gz`, mode: 0o644, text: gzip(generated.changelog) },
    { path: `${doc}/README.md`, mode: 0o644, from: join(repo, 'README.md') },
    ...docs.map(name => ({ path: `${doc}/docs/${name}`, mode: 0o644, from: join(repo, 'docs', name) })),
    { path: `${doc}/examples/policy.yaml`, mode: 0o644, text: generated.examplePolicy },
    { path: 'usr/share/man/man8/hardrun.8.gz', mode: 0o644, text: gzip(generated.manPage) },
    { path: 'usr/share/man/man8/containerd-shim-hardrun-v2.8.gz', symlink: 'hardrun.8.gz' },
    { path: 'usr/share/lintian/overrides/hardrun', mode: 0o644, text: lintianOverrides },
  ];
}

/** gzip at its best compression, with no name or time in the header (zlib writes neither). */
function gzip(text: string): Buffer {
  return gzipSync(Buffer.from(text), { level: 9 });
}
