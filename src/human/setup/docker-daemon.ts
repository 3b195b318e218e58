import { readFileSync } from 'node:fs';
import { request } from 'node:http';

/** What `docker info` says about runtimes (the API's GET /info). */
export interface RuntimeInfo {
  readonly runtimes: Readonly<Record<string, { path?: string }>>;
  readonly defaultRuntime: string;
}

/** GET /info on Docker's unix socket: what `docker info` prints, without needing the CLI. */
export function readRuntimeInfo(socket: string, timeoutMs = 5_000): Promise<RuntimeInfo> {
  return new Promise((resolve, reject) => {
    const call = request({ socketPath: socket, path: '/info', method: 'GET', timeout: timeoutMs }, response => {
      const chunks: Buffer[] = [];
      response.on('data', chunk => chunks.push(chunk as Buffer));
      response.on('end', () => {
        try {
          const info = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Runtimes?: RuntimeInfo['runtimes']; DefaultRuntime?: string };
          resolve({ runtimes: info.Runtimes ?? {}, defaultRuntime: info.DefaultRuntime ?? '' });
        } catch (error) {
          reject(new Error(`Docker's API on ${socket} answered /info with something that is not JSON`, { cause: error }));
        }
      });
    });
    call.on('timeout', () => call.destroy(new Error(`Docker's API on ${socket} did not answer within ${timeoutMs} ms`)));
    call.on('error', reject);
    call.end();
  });
}

/** The pid in dockerd's pid file, if that process is alive. */
export function readDaemonPid(pidfile: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(pidfile, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(pid) || pid <= 1) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * Polls /info until `accept` holds: dockerd reloads daemon.json on SIGHUP
 * asynchronously, and refuses an invalid file by keeping the old settings,
 * so only what the API reports proves the reload took.
 */
export async function waitForRuntimeInfo(socket: string, accept: (info: RuntimeInfo) => boolean, timeoutMs: number): Promise<{ info?: RuntimeInfo; error?: Error }> {
  const deadline = Date.now() + timeoutMs;
  let last: { info?: RuntimeInfo; error?: Error } = {};
  for (;;) {
    try {
      const info = await readRuntimeInfo(socket);
      last = { info };
      if (accept(info)) return last;
    } catch (error) {
      last = { error: error as Error };
    }
    if (Date.now() > deadline) return last;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
