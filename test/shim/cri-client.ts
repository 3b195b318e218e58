// A CRI client: what the kubelet sends containerd, without crictl (not
// packaged here). gRPC by @grpc/grpc-js, messages by protobufjs from the
// subset of runtime.v1 in cri-runtime-v1.proto.
import { credentials, Client, Metadata, type ServiceError } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { fileURLToPath } from 'node:url';

let protoPath = fileURLToPath(new URL('../../../test/shim/cri-runtime-v1.proto', import.meta.url));
let root: protobuf.Root | undefined;
/** Reads the messages from this .proto instead: a compiled driver (test/hosts/cri-driver.ts) carries none beside itself. */
export function useCriProto(path: string): void {
  protoPath = path;
  root = undefined;
}
const type = (name: string): protobuf.Type => {
  root ??= protobuf.loadSync(protoPath);
  return root.lookupType(`runtime.v1.${name}`);
};

/** A runtime.v1 message as it goes on the wire: what the client sends for `value`. */
export function encodeMessage(name: string, value: object): Buffer {
  const message = type(name);
  return Buffer.from(message.encode(message.fromObject(value)).finish());
}

export interface PodMetadata { name: string; uid: string; namespace: string; attempt?: number }
export interface NamespaceOption { network?: 'POD' | 'NODE'; pid?: 'POD' | 'CONTAINER' | 'NODE'; ipc?: 'POD' | 'NODE' }
export interface SecurityProfile { profileType: 'RuntimeDefault' | 'Unconfined' | 'Localhost'; localhostRef?: string }

/** PodSandboxConfig as the kubelet fills it (the fields these tests use). */
export interface PodSandboxConfig {
  metadata: PodMetadata;
  hostname?: string;
  logDirectory?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  linux?: {
    cgroupParent?: string;
    securityContext?: { namespaceOptions?: NamespaceOption; runAsUser?: { value: number }; readonlyRootfs?: boolean; privileged?: boolean; seccomp?: SecurityProfile };
  };
}

export interface ContainerSecurityContext {
  capabilities?: { addCapabilities?: string[]; dropCapabilities?: string[] };
  privileged?: boolean;
  namespaceOptions?: NamespaceOption;
  runAsUser?: { value: number };
  runAsGroup?: { value: number };
  readonlyRootfs?: boolean;
  noNewPrivs?: boolean;
  maskedPaths?: string[];
  readonlyPaths?: string[];
  seccomp?: SecurityProfile;
}

export interface CriMount { containerPath: string; hostPath: string; readonly?: boolean; propagation?: 'PROPAGATION_PRIVATE' | 'PROPAGATION_HOST_TO_CONTAINER' | 'PROPAGATION_BIDIRECTIONAL' }

/** ContainerConfig as the kubelet fills it (the fields these tests use). */
export interface ContainerConfig {
  metadata: { name: string; attempt?: number };
  image: { image: string };
  command?: string[];
  args?: string[];
  workingDir?: string;
  envs?: { key: string; value: string }[];
  mounts?: CriMount[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  logPath?: string;
  linux?: { securityContext?: ContainerSecurityContext };
}

export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';
export interface ContainerStatus { id: string; state: ContainerState; exitCode: number; reason: string; message: string; logPath: string }
export interface ExecResult { stdout: string; stderr: string; exitCode: number }

export interface CriClient {
  runPodSandbox(config: PodSandboxConfig, runtimeHandler: string): Promise<string>;
  stopPodSandbox(podSandboxId: string): Promise<void>;
  removePodSandbox(podSandboxId: string): Promise<void>;
  createContainer(podSandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string>;
  startContainer(containerId: string): Promise<void>;
  stopContainer(containerId: string, timeoutSeconds: number): Promise<void>;
  removeContainer(containerId: string): Promise<void>;
  containerStatus(containerId: string): Promise<ContainerStatus>;
  execSync(containerId: string, cmd: string[], timeoutSeconds?: number): Promise<ExecResult>;
  close(): void;
}

/** A client on containerd's socket; calls reject with containerd's message when the status is not OK. */
export function criClient(socket: string, timeoutMs = 120_000): CriClient {
  const client = new Client(`unix://${socket}`, credentials.createInsecure());
  const call = <T>(method: string, request: string, response: string, message: object): Promise<T> => {
    const responseType = type(response);
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        `/runtime.v1.RuntimeService/${method}`,
        (value: object) => encodeMessage(request, value),
        (bytes: Buffer) => responseType.toObject(responseType.decode(bytes), { enums: String, longs: Number, bytes: String, defaults: true }) as T,
        message,
        new Metadata(),
        { deadline: Date.now() + timeoutMs },
        (error: ServiceError | null, value?: T) => {
          if (error !== null) reject(new Error(`CRI ${method} failed (${error.code}): ${error.details}`, { cause: error }));
          else resolve(value!);
        },
      );
    });
  };
  const decodeBytes = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');
  return {
    runPodSandbox: async (config, runtimeHandler) =>
      (await call<{ podSandboxId: string }>('RunPodSandbox', 'RunPodSandboxRequest', 'RunPodSandboxResponse', { config, runtimeHandler })).podSandboxId,
    stopPodSandbox: async podSandboxId => { await call('StopPodSandbox', 'PodSandboxIdRequest', 'Empty', { podSandboxId }); },
    removePodSandbox: async podSandboxId => { await call('RemovePodSandbox', 'PodSandboxIdRequest', 'Empty', { podSandboxId }); },
    createContainer: async (podSandboxId, config, sandboxConfig) =>
      (await call<{ containerId: string }>('CreateContainer', 'CreateContainerRequest', 'CreateContainerResponse', { podSandboxId, config, sandboxConfig })).containerId,
    startContainer: async containerId => { await call('StartContainer', 'ContainerIdRequest', 'Empty', { containerId }); },
    stopContainer: async (containerId, timeout) => { await call('StopContainer', 'StopContainerRequest', 'Empty', { containerId, timeout }); },
    removeContainer: async containerId => { await call('RemoveContainer', 'ContainerIdRequest', 'Empty', { containerId }); },
    containerStatus: async containerId =>
      (await call<{ status: ContainerStatus }>('ContainerStatus', 'ContainerStatusRequest', 'ContainerStatusResponse', { containerId })).status,
    execSync: async (containerId, cmd, timeout = 60) => {
      const answer = await call<{ stdout: string; stderr: string; exitCode: number }>('ExecSync', 'ExecSyncRequest', 'ExecSyncResponse', { containerId, cmd, timeout });
      return { stdout: decodeBytes(answer.stdout), stderr: decodeBytes(answer.stderr), exitCode: answer.exitCode };
    },
    close: () => client.close(),
  };
}
