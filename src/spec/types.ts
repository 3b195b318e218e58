/**
 * The parts of an OCI runtime spec (config.json) that hardrun reads or
 * writes. Every object keeps an index signature: fields hardrun does not know
 * must survive a round trip untouched.
 */
export interface Spec {
  ociVersion?: string;
  process?: Process;
  root?: { path?: string; readonly?: boolean; [key: string]: unknown };
  hostname?: string;
  mounts?: Mount[];
  hooks?: Record<string, unknown>;
  annotations?: Record<string, string> | null;
  linux?: Linux;
  [key: string]: unknown;
}

export interface Process {
  terminal?: boolean;
  user?: { uid?: number; gid?: number; additionalGids?: number[]; [key: string]: unknown };
  args?: string[];
  env?: string[];
  cwd?: string;
  capabilities?: Capabilities | null;
  noNewPrivileges?: boolean;
  apparmorProfile?: string;
  rlimits?: unknown[];
  [key: string]: unknown;
}

export interface Capabilities {
  bounding?: string[];
  effective?: string[];
  permitted?: string[];
  inheritable?: string[];
  ambient?: string[];
  [key: string]: unknown;
}

export interface Mount {
  destination: string;
  type?: string;
  source?: string;
  options?: string[];
  [key: string]: unknown;
}

export interface IdMapping {
  containerID: number;
  hostID: number;
  size: number;
}

export interface Namespace {
  type: string;
  path?: string;
  [key: string]: unknown;
}

export interface Linux {
  namespaces?: Namespace[];
  uidMappings?: IdMapping[];
  gidMappings?: IdMapping[];
  devices?: unknown[];
  resources?: Record<string, unknown>;
  cgroupsPath?: string;
  sysctl?: Record<string, string>;
  seccomp?: Seccomp | null;
  maskedPaths?: string[];
  readonlyPaths?: string[];
  rootfsPropagation?: string;
  [key: string]: unknown;
}

export interface Seccomp {
  defaultAction: string;
  defaultErrnoRet?: number;
  architectures?: string[];
  flags?: string[];
  syscalls?: SeccompRule[];
  [key: string]: unknown;
}

export interface SeccompRule {
  names: string[];
  action: string;
  errnoRet?: number;
  args?: { index: number; value: number; valueTwo?: number; op: string }[];
  [key: string]: unknown;
}
