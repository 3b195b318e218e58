import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { isDir } from './locate.js';

/** What Docker's API says of one container (GET /containers/ID/json). */
export interface DaemonContainer {
  readonly id: string;
  readonly name: string;
  /** The init process on the host; 0 when the container is not running. */
  readonly pid: number;
}

/**
 * The Docker API socket `hardrun inspect` and `ps` may ask: the unix socket
 * `DOCKER_HOST` names, else Docker's default. A `DOCKER_HOST` of another
 * scheme (tcp://, ssh://) names a daemon whose containers are not on this
 * host's /proc, so none is asked.
 */
export function dockerApiSocket(env: NodeJS.ProcessEnv): { socket?: string; why?: string } {
  const host = env['DOCKER_HOST'];
  if (host === undefined || host === '') return { socket: '/var/run/docker.sock' };
  if (host.startsWith('unix://') && host.length > 'unix://'.length) return { socket: host.slice('unix://'.length) };
  return { why: `DOCKER_HOST (${host}) is not a unix:// socket, and hardrun asks only a daemon on this host` };
}

/** A name or id Docker could know: anything else is not sent to the daemon. */
export function isDockerReference(query: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(query);
}

/** GET /containers/REF/json: Docker resolves names, full ids and unique id prefixes. Undefined: no such container. */
export async function askDockerForContainer(socket: string, reference: string, timeoutMs = 3_000): Promise<DaemonContainer | undefined> {
  const { status, body } = await getJson(socket, `/containers/${encodeURIComponent(reference)}/json`, timeoutMs);
  if (status === 404) return undefined;
  if (status !== 200) throw new Error(`Docker's API on ${socket} answered ${status}`);
  const container = body as { Id?: unknown; Name?: unknown; State?: { Pid?: unknown } };
  if (typeof container.Id !== 'string' || !/^[0-9a-f]{64}$/.test(container.Id)) throw new Error(`Docker's API on ${socket} answered without a container id`);
  const pid = typeof container.State?.Pid === 'number' ? container.State.Pid : 0;
  return { id: container.Id, name: typeof container.Name === 'string' ? container.Name.replace(/^\//, '') : '', pid };
}

/** GET /containers/json: the running containers' ids. */
export async function askDockerForRunning(socket: string, timeoutMs = 3_000): Promise<DaemonContainer[]> {
  const { status, body } = await getJson(socket, '/containers/json', timeoutMs);
  if (status !== 200 || !Array.isArray(body)) throw new Error(`Docker's API on ${socket} answered ${status}`);
  const ids = (body as { Id?: unknown }[]).map(entry => entry.Id).filter((id): id is string => typeof id === 'string' && /^[0-9a-f]{64}$/.test(id));
  const found = await Promise.all(ids.map(id => askDockerForContainer(socket, id, timeoutMs).catch(() => undefined)));
  return found.filter((container): container is DaemonContainer => container !== undefined);
}

/**
 * The runtime state directory of a running container, from its shim: the
 * init process's parent is containerd's runc shim, whose working directory
 * is the bundle, where the shim keeps its runc options (`options.json`,
 * whose `root` is the state directory it passes runc as --root). Undefined
 * when any step does not hold, or the directory has no such container.
 *
 * The daemon asked may be anyone's (DOCKER_HOST can name a rootless
 * daemon), and a root's record names the backend hardrun then runs, so
 * every step must be this user's alone: the shim process, the bundle, the
 * options file and the state directory with hardrun's records beside it.
 */
export function rootFromShim(pid: number, id: string, proc = '/proc'): string | undefined {
  try {
    const status = readFileSync(`${proc}/${pid}/status`, 'utf8');
    const parent = /^PPid:\s*(\d+)$/m.exec(status)?.[1];
    if (parent === undefined || Number(parent) <= 1 || !isOurs(`${proc}/${parent}`)) return undefined;
    const bundle = readlinkSync(`${proc}/${parent}/cwd`);
    const optionsFile = join(bundle, 'options.json');
    if (!isOurs(bundle) || !isOurs(optionsFile)) return undefined;
    const options = JSON.parse(readFileSync(optionsFile, 'utf8')) as { root?: unknown };
    if (typeof options.root !== 'string' || !options.root.startsWith('/')) return undefined;
    // The shim appends the containerd namespace, which is the bundle's parent directory name.
    const namespace = bundle.split('/').at(-2) ?? '';
    for (const root of [join(options.root, namespace), options.root]) {
      if (!isDir(join(root, id)) || !isOurs(root)) continue;
      if (isDir(`${root}.hardrun`) && !isOurs(`${root}.hardrun`)) return undefined;
      return root;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Owned by this process's user, and writable by no one else. */
function isOurs(path: string): boolean {
  try {
    const stat = statSync(path);
    return stat.uid === process.geteuid?.() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}


function getJson(socket: string, path: string, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const call = request({ socketPath: socket, path, method: 'GET', timeout: timeoutMs, headers: { Host: 'docker' } }, response => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // An inspect answer is a few kilobytes; a socket that streams more is not Docker's.
        if (size > 16 * 1024 * 1024) call.destroy(new Error(`Docker's API on ${socket} answered more than 16 MiB`));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(new Error(`Docker's API on ${socket} answered ${path} with something that is not JSON`, { cause: error }));
        }
      });
    });
    call.on('timeout', () => call.destroy(new Error(`Docker's API on ${socket} did not answer within ${timeoutMs} ms`)));
    call.on('error', reject);
    call.end();
  });
}
