/** A published runc escape, and the first upstream releases of each line that carry its fix. */
interface Advisory {
  readonly cve: string;
  /** Fixed from each of these versions on, within their minor line; below the lowest, unfixed. */
  readonly fixedIn: readonly string[];
}

const advisories: readonly Advisory[] = [
  { cve: 'CVE-2019-5736', fixedIn: ['1.0.0-rc7'] },
  { cve: 'CVE-2024-21626', fixedIn: ['1.1.12'] },
  { cve: 'CVE-2025-31133', fixedIn: ['1.2.8', '1.3.3', '1.4.0-rc.3'] },
  { cve: 'CVE-2025-52565', fixedIn: ['1.2.8', '1.3.3', '1.4.0-rc.3'] },
  { cve: 'CVE-2025-52881', fixedIn: ['1.2.8', '1.3.3', '1.4.0-rc.3'] },
];

type Version = readonly [number, number, number, number];

/** "1.1.5+ds1" → [1, 1, 5, ∞]; "1.0.0-rc7" and "1.4.0-rc.3" → [..., 7] and [..., 3]: a release candidate comes before its release. */
function parseVersion(text: string): Version | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-rc\.?(\d+))?/.exec(text);
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? Infinity : Number(match[4])];
}

function compare(a: Version, b: Version): number {
  for (const i of [0, 1, 2, 3] as const) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * The advisories whose fixes the runc of this `--version` line lacks, by its
 * upstream version: the fix of its own minor line, or of a later line when
 * its line never got one. A distribution build may carry backports (Debian's
 * 1.1.5+ds1-1+deb12u1 carries CVE-2024-21626's), which the version cannot
 * show; undefined when the line names no runc version.
 */
export function runcFixesLacking(versionLine: string): { version: string; lacking: string[] } | undefined {
  const text = /^runc version (\S+)/.exec(versionLine)?.[1];
  const version = text === undefined ? undefined : parseVersion(text);
  if (text === undefined || version === undefined) return undefined;
  const lacking = advisories.filter(({ fixedIn }) => {
    const fixes = fixedIn.map(parseVersion).filter((fix): fix is Version => fix !== undefined);
    const sameLine = fixes.find(fix => fix[0] === version[0] && fix[1] === version[1]);
    if (sameLine !== undefined) return compare(version, sameLine) < 0;
    // No fix in its own line: fixed only if a later line's first fix is at or below it.
    return !fixes.some(fix => compare(version, fix) >= 0);
  }).map(advisory => advisory.cve);
  return { version: text, lacking };
}
