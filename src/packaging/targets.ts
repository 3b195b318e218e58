/** One architecture hardrun is packaged for. */
export interface DebTarget {
  /** dpkg's name. */
  readonly arch: 'amd64' | 'arm64';
  /** Bun's --target. amd64 is the baseline build: Debian's amd64 promises no AVX2, and a
   * VM's CPU model may not offer it (Bun's default x64 runtime needs it). */
  readonly bunTarget: string;
  /** How `readelf -h` names the engine's machine, to check a cross-build is what it claims. */
  readonly elfMachine: string;
  /** Node's name for it (process.arch), to know which engine runs natively here. */
  readonly nodeArch: string;
}

export const debTargets: readonly DebTarget[] = [
  { arch: 'amd64', bunTarget: 'bun-linux-x64-baseline', elfMachine: 'Advanced Micro Devices X86-64', nodeArch: 'x64' },
  { arch: 'arm64', bunTarget: 'bun-linux-arm64', elfMachine: 'AArch64', nodeArch: 'arm64' },
];
