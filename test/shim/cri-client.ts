// A minimal CRI client: what the kubelet sends containerd, without crictl
// (not packaged here). gRPC is HTTP/2 with length-prefixed protobuf; the
// few CRI messages a pod sandbox needs are encoded by hand from
// k8s.io/cri-api's runtime/v1 api.proto (field numbers in the comments).
import { connect, constants } from 'node:http2';
import { connect as connectSocket } from 'node:net';

type Field = [number, number | string | Buffer | undefined];

/** Protobuf: varints for numbers, length-delimited for strings and nested messages. */
export function encode(fields: readonly Field[]): Buffer {
  const parts: Buffer[] = [];
  for (const [number, value] of fields) {
    if (value === undefined) continue;
    if (typeof value === 'number') {
      parts.push(varint(number << 3), varint(value));
    } else {
      const bytes = typeof value === 'string' ? Buffer.from(value) : value;
      parts.push(varint((number << 3) | 2), varint(bytes.length), bytes);
    }
  }
  return Buffer.concat(parts);
}

/** The first string field `number` of a message (enough for *Response.pod_sandbox_id). */
export function decodeString(message: Buffer, number: number): string | undefined {
  let offset = 0;
  const read = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = message[offset++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  };
  while (offset < message.length) {
    const key = read();
    const wire = key & 7;
    if (wire === 0) { read(); continue; }
    if (wire !== 2) return undefined;
    const length = read();
    const value = message.subarray(offset, offset + length);
    offset += length;
    if (key >> 3 === number) return value.toString('utf8');
  }
  return undefined;
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** One unary gRPC call on containerd's socket; rejects with grpc-message when grpc-status is not 0. */
export function callCri(socket: string, method: string, request: Buffer, timeoutMs = 60_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const session = connect('http://localhost', { createConnection: () => connectSocket(socket) });
    session.on('error', reject);
    const stream = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: `/runtime.v1.RuntimeService/${method}`,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    const timer = setTimeout(() => stream.close(constants.NGHTTP2_CANCEL), timeoutMs);
    const chunks: Buffer[] = [];
    let status: string | undefined;
    let message = '';
    const note = (headers: Record<string, string | string[] | number | undefined>): void => {
      if (headers['grpc-status'] !== undefined) status = String(headers['grpc-status']);
      if (headers['grpc-message'] !== undefined) message = decodeURIComponent(String(headers['grpc-message']));
    };
    stream.on('response', note);
    stream.on('trailers', note);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('close', () => {
      clearTimeout(timer);
      session.close();
      const body = Buffer.concat(chunks);
      if (status !== '0') reject(new Error(`CRI ${method} failed (grpc-status ${status ?? 'none'}): ${message}`));
      else resolve(body.subarray(5, 5 + (body.length >= 5 ? body.readUInt32BE(1) : 0)));
    });
    const frame = Buffer.alloc(5);
    frame.writeUInt32BE(request.length, 1);
    stream.end(Buffer.concat([frame, request]));
  });
}

/** RunPodSandboxRequest{config(1): PodSandboxConfig, runtime_handler(2)}: a pod with its own network (CNI) and hostname. */
export function runPodSandboxRequest(pod: { name: string; uid: string; namespace: string; handler: string }): Buffer {
  const metadata = encode([[1, pod.name], [2, pod.uid], [3, pod.namespace]]); // PodSandboxMetadata: name, uid, namespace
  const config = encode([[1, metadata], [2, pod.name]]); // PodSandboxConfig: metadata, hostname
  return encode([[1, config], [2, pod.handler]]);
}

/** StopPodSandboxRequest and RemovePodSandboxRequest: pod_sandbox_id(1). */
export function sandboxIdRequest(id: string): Buffer {
  return encode([[1, id]]);
}
