import { maintainer } from './copyright.js';
import type { SourceFacts } from './source-facts.js';

/**
 * The Debian changelog of this native package: one entry, for the version
 * and commit built, dated with the build's one timestamp.
 */
export function renderChangelog(facts: SourceFacts): string {
  const date = new Date(facts.epoch * 1000).toUTCString().replace('GMT', '+0000');
  return `hardrun (${facts.version}) unstable; urgency=medium\n\n  * Built from commit ${facts.commit}.\n\n -- ${maintainer}  ${date}\n`;
}
