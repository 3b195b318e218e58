// Generated from schemas/policy.schema.json by schemas/generate.mjs: do not edit.

/**
 * harden: rewrite the spec; audit: record what harden would do; off: nothing.
 */
export type TransformMode = 'harden' | 'audit' | 'off';
/**
 * enforce: refuse; sandbox: run under the sandbox backend instead; harden: rewrite to safe; audit: record only; off: nothing.
 */
export type CheckMode = 'enforce' | 'sandbox' | 'harden' | 'audit' | 'off';

/**
 * A hardrun policy file (YAML or JSON). Every field is optional: what is left out comes from the built-in policy.
 */
export interface PolicyDocument {
  /**
   * The policy format version.
   */
  version?: 1;
  /**
   * The backend a container runs under when no rule picks one.
   */
  defaultBackend?: string;
  /**
   * Where a check in `sandbox` mode sends a container instead of refusing it.
   */
  sandboxBackend?: string;
  /**
   * Backends by name, declared like daemon.json runtimes. runc, crun, runsc and kata are known without declaring them.
   */
  backends?: {
    [k: string]: BackendDocument;
  };
  audit?: AuditDocument;
  hardening?: HardeningDocument;
  checks?: ChecksDocument;
  /**
   * Ordered: the first rule whose `match` holds decides. No rule matching means the top-level settings.
   */
  rules?: RuleDocument[];
}
export interface BackendDocument {
  /**
   * Absolute path, or a name looked up in the system PATH (never the caller's).
   */
  path: string;
  /**
   * Whose command-line dialect it speaks.
   */
  kind?: 'runc' | 'runsc' | 'kata';
  /**
   * Global flags placed before the caller's, e.g. ["--network=none"].
   */
  args?: string[];
}
export interface AuditDocument {
  /**
   * Append one JSON line per create and exec decision here. Unset: no audit log.
   */
  file?: string;
}
/**
 * Overrides of the built-in hardening, transform by transform.
 */
export interface HardeningDocument {
  annotations?: {
    mode?: TransformMode;
    /**
     * Annotation keys to remove; a trailing * matches a prefix.
     */
    strip?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
  };
  capabilities?: {
    mode?: TransformMode;
    /**
     * Capabilities kept in every set when asked for (with or without CAP_).
     */
    allow?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
    /**
     * Never kept under a backend that shares the host kernel, whatever `allow` says.
     */
    never?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
    neverLiftedUnder?:
      | ('runc' | 'runsc' | 'kata')[]
      | {
          add?: ('runc' | 'runsc' | 'kata')[];
          remove?: ('runc' | 'runsc' | 'kata')[];
        };
  };
  noNewPrivileges?: {
    mode?: TransformMode;
  };
  seccomp?: {
    mode?: TransformMode;
    /**
     * Syscalls that always fail with errnoRet.
     */
    deny?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
    errnoRet?: number;
    denyNamespaceClone?: boolean;
    architectures?: {
      [k: string]: string[];
    };
  };
  systemPaths?: {
    mode?: TransformMode;
    masked?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
    readonly?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
  };
  kernelFilesystems?: {
    mode?: TransformMode;
    readonlyTypes?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
  };
  devices?: {
    mode?: TransformMode;
    allow?:
      | {
          type: 'c' | 'b';
          major: number;
          minor: number;
        }[]
      | {
          add?: {
            type: 'c' | 'b';
            major: number;
            minor: number;
          }[];
          remove?: {
            type: 'c' | 'b';
            major: number;
            minor: number;
          }[];
        };
  };
  rootfs?: {
    mode?: TransformMode;
    writablePaths?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
    tmpfsSize?: string;
    noexec?: boolean;
    /**
     * With mode audit, learn what the container needs, for hardrun suggest: under runc, the capabilities beyond the allowlist the kernel refuses it are traced (a tracefs instance of its own, and every call of the container goes through the engine). Off (the default): a watched container is only watched, at the cost of watching.
     */
    learn?: boolean;
    readonlyBindMounts?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
  };
  /**
   * Container root mapped to host ids of its own: each container gets a slot of 65536 uids and gids from this pool. uids and gids default to the hardrun lines of /etc/subuid and /etc/subgid. Image files, volumes and binds keep their owners through idmapped mounts.
   */
  userNamespace?: {
    mode?: TransformMode;
    uids?: IdRange;
    gids?: IdRange;
    /**
     * Host paths (and what lies below them) whose binds are never idmapped, so that container root stays nobody there: the host's programs, libraries, logs and state. Docker's named volumes and Kubernetes' volumes are idmapped wherever they are.
     */
    plainBindPaths?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
    /**
     * Which bind mounts are idmapped so that container root writes there as the files' owner on the host: all (the default, as under runc, with nosuid and nodev added), volumes (Docker's named volumes and Kubernetes' volumes only), or none.
     */
    idmapMounts?: 'all' | 'volumes' | 'none';
    /**
     * What happens to a container whose root filesystem this kernel or filesystem cannot idmap (kernels before 5.19; a storage driver hardrun does not rebuild): refuse (the default) it with a sentence that says why, or nobody: run it with its image files shown as nobody (65534), which the audit record says. doctor tells which this host is.
     */
    whenOwnersLost?: 'refuse' | 'nobody';
  };
}
export interface IdRange {
  hostID: number;
  size: number;
}
/**
 * The refusals: what a container may not ask for, each with a mode.
 */
export interface ChecksDocument {
  /**
   * Sharing the host's pid, network, ipc, uts, user or cgroup namespace.
   */
  hostNamespaces?: {
    mode?: CheckMode;
    types?:
      | ('pid' | 'network' | 'ipc' | 'uts' | 'user' | 'cgroup' | 'mount')[]
      | {
          add?: ('pid' | 'network' | 'ipc' | 'uts' | 'user' | 'cgroup' | 'mount')[];
          remove?: ('pid' | 'network' | 'ipc' | 'uts' | 'user' | 'cgroup' | 'mount')[];
        };
  };
  /**
   * Bind mounts of host paths that give the host away, judged after resolving symlinks; a parent counts.
   */
  sensitiveMounts?: {
    mode?: CheckMode;
    /**
     * Host paths a container may not mount, nor any parent of them, nor anything under them.
     */
    paths?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
    /**
     * Exceptions under those paths; * matches one path component, {id} the container id.
     */
    allow?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
  };
  /**
   * Host devices asked for beyond the default ones.
   */
  devices?: {
    mode?: CheckMode;
  };
  /**
   * Capabilities the container asks for (--cap-add, --privileged, a pod's capabilities.add) beyond the caller's defaults that hardening.capabilities would drop. enforce refuses; sandbox runs it under the sandbox backend with them; harden and audit run it without them (the transform still drops them). Docker's own defaults beyond the allowlist are always dropped without a finding here.
   */
  extraCapabilities?: {
    mode?: CheckMode;
  };
  /**
   * A working directory under /proc (the CVE-2024-21626 class).
   */
  procCwd?: {
    mode?: CheckMode;
  };
  /**
   * Sysctls outside the namespaced, safe ones.
   */
  sysctls?: {
    mode?: CheckMode;
    /**
     * Allowed names; a trailing * matches a prefix.
     */
    allow?:
      | string[]
      | {
          add?: string[];
          remove?: string[];
        };
  };
  /**
   * Shared mount propagation, through which mounts reach the host.
   */
  mountPropagation?: {
    mode?: CheckMode;
  };
}
export interface RuleDocument {
  name: string;
  match: MatchDocument;
  /**
   * The backend for containers this rule matches.
   */
  backend?: string;
  hardening?: HardeningDocument;
  checks?: ChecksDocument;
}
/**
 * What a rule matches: every listed condition must hold; within a list, any item.
 */
export interface MatchDocument {
  /**
   * The containerd namespace the call comes from: moby (Docker), k8s.io (Kubernetes)...
   */
  caller?: string[];
  /**
   * The image the container runs, any of these references, normalised as Docker does (nginx is docker.io/library/nginx): a repository (any tag), repository:tag, repository@digest, or a bare sha256 digest or image id; * matches any run of characters. Read from Docker's own record of the container or, for Kubernetes, from CRI's io.kubernetes.cri.image-name annotation; an image that cannot be known matches nothing. Chosen by the operator or whoever runs the container, not by the image's content: a rule on it may relax hardening.
   *
   * @minItems 1
   */
  image?: [string, ...string[]];
  /**
   * The spec asks for any of these capabilities (bounding set).
   */
  capabilities?: string[];
  /**
   * The spec shares any of these host namespaces.
   */
  hostNamespaces?: ('pid' | 'network' | 'ipc' | 'uts' | 'user' | 'cgroup' | 'mount')[];
  /**
   * A bind mount's resolved host source is, or is under, any of these paths.
   */
  mounts?: string[];
  /**
   * The spec asks for host devices beyond the default ones.
   */
  devices?: boolean;
  /**
   * The spec sets any of these sysctls (a trailing * matches a prefix).
   */
  sysctls?: string[];
  /**
   * The spec looks like --privileged: CAP_SYS_ADMIN and access to every device.
   */
  privileged?: boolean;
  /**
   * The process as the image or the caller set it. Chosen by the container's user: can only raise isolation.
   */
  process?: {
    /**
     * Globs matched against the command line joined by spaces.
     */
    args?: string[];
    /**
     * Container uids.
     */
    user?: number[];
    /**
     * Globs matched against the working directory.
     */
    cwd?: string[];
  };
  /**
   * Environment variables (glob values). Set by the container's user: can only raise isolation.
   */
  env?: {
    [k: string]: string;
  };
  /**
   * Annotations (glob values). Set by the container's user: can only raise isolation.
   */
  annotations?: {
    [k: string]: string;
  };
}
