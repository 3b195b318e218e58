// Generated from schemas/runtime-spec/ by schemas/generate.mjs: do not edit.

export type ArrayOfStrings = string[];
export type ArrayOfHooks = Hook[];
export type ArrayOfGIDs = number[];
export type BlockIODeviceWeight = BlockIODevice & {
  weight?: number;
  leafWeight?: number;
  [k: string]: unknown;
};

/**
 * Open Container Initiative Runtime Specification Container Configuration Schema
 */
export interface Spec {
  /**
   * The version of Open Container Initiative Runtime Specification that the document complies with
   */
  ociVersion?: string;
  hooks?: {
    prestart?: ArrayOfHooks;
    createRuntime?: ArrayOfHooks;
    createContainer?: ArrayOfHooks;
    startContainer?: ArrayOfHooks;
    poststart?: ArrayOfHooks;
    poststop?: ArrayOfHooks;
    [k: string]: unknown;
  };
  annotations?: MapStringString;
  hostname?: string;
  mounts?: Mount[];
  /**
   * Configures the container's root filesystem.
   */
  root?: {
    path?: string;
    readonly?: boolean;
    [k: string]: unknown;
  };
  process?: {
    args?: ArrayOfStrings;
    commandLine?: string;
    consoleSize?: {
      height?: number;
      width?: number;
      [k: string]: unknown;
    };
    cwd?: string;
    env?: ArrayOfStrings;
    terminal?: boolean;
    user?: {
      uid?: number;
      gid?: number;
      umask?: number;
      additionalGids?: ArrayOfGIDs;
      username?: string;
      [k: string]: unknown;
    };
    capabilities?: {
      bounding?: ArrayOfStrings;
      permitted?: ArrayOfStrings;
      effective?: ArrayOfStrings;
      inheritable?: ArrayOfStrings;
      ambient?: ArrayOfStrings;
      [k: string]: unknown;
    };
    apparmorProfile?: string;
    oomScoreAdj?: number;
    selinuxLabel?: string;
    noNewPrivileges?: boolean;
    rlimits?: {
      hard?: number;
      soft?: number;
      type?: string;
      [k: string]: unknown;
    }[];
    [k: string]: unknown;
  };
  linux?: Linux;
  [k: string]: unknown;
}
export interface Hook {
  path?: string;
  args?: ArrayOfStrings;
  env?: ArrayOfStrings;
  timeout?: number;
  [k: string]: unknown;
}
export interface MapStringString {
  /**
   * This interface was referenced by `MapStringString`'s JSON-Schema definition
   * via the `patternProperty` ".{1,}".
   */
  [k: string]: string;
}
export interface Mount {
  source?: string;
  destination: string;
  options?: ArrayOfStrings;
  type?: string;
  [k: string]: unknown;
}
/**
 * Linux platform-specific configurations
 */
export interface Linux {
  devices?: Device[];
  uidMappings?: IDMapping[];
  gidMappings?: IDMapping[];
  namespaces?: NamespaceReference[];
  resources?: {
    unified?: MapStringString;
    devices?: DeviceCgroup[];
    pids?: {
      limit?: number;
      [k: string]: unknown;
    };
    blockIO?: {
      weight?: number;
      leafWeight?: number;
      throttleReadBpsDevice?: (BlockIODevice & {
        rate?: number;
        [k: string]: unknown;
      })[];
      throttleWriteBpsDevice?: (BlockIODevice & {
        rate?: number;
        [k: string]: unknown;
      })[];
      throttleReadIOPSDevice?: (BlockIODevice & {
        rate?: number;
        [k: string]: unknown;
      })[];
      throttleWriteIOPSDevice?: (BlockIODevice & {
        rate?: number;
        [k: string]: unknown;
      })[];
      weightDevice?: BlockIODeviceWeight[];
      [k: string]: unknown;
    };
    cpu?: {
      cpus?: string;
      mems?: string;
      period?: number;
      quota?: number;
      realtimePeriod?: number;
      realtimeRuntime?: number;
      shares?: number;
      [k: string]: unknown;
    };
    hugepageLimits?: {
      pageSize?: string;
      limit?: number;
      [k: string]: unknown;
    }[];
    memory?: {
      kernel?: number;
      kernelTCP?: number;
      limit?: number;
      reservation?: number;
      swap?: number;
      swappiness?: number;
      disableOOMKiller?: boolean;
      useHierarchy?: boolean;
      [k: string]: unknown;
    };
    network?: {
      classID?: number;
      priorities?: NetworkInterfacePriority[];
      [k: string]: unknown;
    };
    rdma?: {
      [k: string]: Rdma;
    };
    [k: string]: unknown;
  };
  cgroupsPath?: string;
  rootfsPropagation?: string;
  seccomp?: {
    defaultAction?: string;
    defaultErrnoRet?: number;
    flags?: string[];
    listenerPath?: string;
    listenerMetadata?: string;
    architectures?: string[];
    syscalls?: Syscall[];
    [k: string]: unknown;
  };
  sysctl?: MapStringString;
  maskedPaths?: ArrayOfStrings;
  readonlyPaths?: ArrayOfStrings;
  mountLabel?: string;
  intelRdt?: {
    closID?: string;
    l3CacheSchema?: string;
    memBwSchema?: string;
    [k: string]: unknown;
  };
  personality?: Personality;
  [k: string]: unknown;
}
export interface Device {
  /**
   * Type of a block or special character device
   */
  type?: string;
  path?: string;
  /**
   * File permissions mode (typically an octal value)
   */
  fileMode?: number;
  /**
   * major device number
   */
  major?: number;
  /**
   * minor device number
   */
  minor?: number;
  uid?: number;
  gid?: number;
  [k: string]: unknown;
}
export interface IDMapping {
  containerID: number;
  hostID: number;
  size: number;
  [k: string]: unknown;
}
export interface NamespaceReference {
  type: string;
  path?: string;
  [k: string]: unknown;
}
export interface DeviceCgroup {
  allow?: boolean;
  type?: string;
  major?: number | null;
  minor?: number | null;
  access?: string;
  [k: string]: unknown;
}
export interface BlockIODevice {
  /**
   * major device number
   */
  major?: number;
  /**
   * minor device number
   */
  minor?: number;
  [k: string]: unknown;
}
export interface NetworkInterfacePriority {
  name?: string;
  priority?: number;
  [k: string]: unknown;
}
export interface Rdma {
  hcaHandles?: number;
  hcaObjects?: number;
  [k: string]: unknown;
}
export interface Syscall {
  names: string[];
  action: string;
  errnoRet?: number;
  args?: SyscallArg[];
  [k: string]: unknown;
}
export interface SyscallArg {
  index: number;
  value: number;
  valueTwo?: number;
  op: string;
  [k: string]: unknown;
}
export interface Personality {
  domain?: string;
  flags?: ArrayOfStrings;
  [k: string]: unknown;
}
