import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from './run-tool.js';

export interface SourceFacts {
  /** The Debian version: package.json's, with a pre-release's '-' read as '~' so it sorts before the release. */
  readonly version: string;
  /** The commit as `hardrun --version` prints it (`git describe --always --dirty --abbrev=12`). */
  readonly commit: string;
  /** Every timestamp in the package: SOURCE_DATE_EPOCH when the caller sets it, else the commit's time. */
  readonly epoch: number;
}

/** Reads what names a build from the source tree, so two builds of one commit name it alike. */
export function readSourceFacts(repo: string): SourceFacts {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
  const git = (...args: string[]): string => runTool('git', ['-C', repo, ...args]).trim();
  const commit = git('describe', '--always', '--dirty', '--abbrev=12');
  const given = process.env['SOURCE_DATE_EPOCH'];
  const epoch = given !== undefined && /^\d+$/.test(given) ? Number(given) : Number(git('log', '-1', '--format=%ct'));
  return { version: pkg.version.replace('-', '~'), commit, epoch };
}
