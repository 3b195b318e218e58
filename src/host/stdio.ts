import { fchownSync, fstatSync, readlinkSync } from 'node:fs';

/**
 * Gives the container's root the standard streams it inherits when they
 * are anonymous pipes owned by host root (what a shim passes): otherwise a
 * mapped root cannot reopen them, and `echo x > /dev/stdout` fails with
 * EACCES where under runc it reaches `docker logs`. A pipe is private to the
 * two ends that hold it; files, terminals and named FIFOs are left alone.
 */
export function giveStdioTo(uid: number, gid: number): void {
  for (const fd of [0, 1, 2]) {
    try {
      if (!readlinkSync(`/proc/self/fd/${fd}`).startsWith('pipe:')) continue;
      if (fstatSync(fd).uid !== 0) continue;
      fchownSync(fd, uid, gid);
    } catch {
      // A closed descriptor, or one the kernel will not let us change: the
      // container gets it as it is, as it would without hardrun.
    }
  }
}
