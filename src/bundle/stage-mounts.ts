import { closeSync, mkdirSync } from 'node:fs';
import type { Finding } from '../harden/types.js';
import { attachTree, bindTree, detachAll, IdmapRefused, idmappedTree, mountOverlay, mountScratchTmpfs, openSource, openUserNamespace } from '../host/idmap.js';
import { cString, loadLibc } from '../host/libc.js';
import type { Slot } from '../state/id-slots.js';
import { layersViewOf, type StagingPlan } from './staging.js';

const CLONE_NEWNS = 0x20000;
const MS_REC = 0x4000;
const MS_SLAVE = 0x80000;

/** What staging built: the targets to detach before its directories can go, and what fell back. */
export interface StagedMounts {
  readonly targets: readonly string[];
  /** One per view that could not be idmapped, for the audit record. */
  readonly findings: readonly Finding[];
  /** Why the root could not be idmapped, when it could not: its files show as nobody. */
  readonly rootLost?: string;
}

/**
 * Moves this process into a private mount namespace (a slave of the host's,
 * so it still sees mounts the host makes later) and builds the container's
 * view there: the root and every bind, idmapped through `ids` where the
 * plan says so. unshare(CLONE_NEWNS) moves only the calling thread, which is
 * the one that execve()s the backend; so no mount of hardrun's ever exists
 * on the host, even if hardrun or the backend is killed part way.
 *
 * Where the kernel or a filesystem refuses idmapping, that view falls back
 * to a plain bind, whole: the root is never half idmapped.
 */
export async function stageMounts(plan: StagingPlan, ids: Slot): Promise<StagedMounts> {
  const { libc, ptr, fail } = await loadLibc();
  if (libc.symbols.unshare(CLONE_NEWNS) !== 0) throw fail('enter a private mount namespace');
  if (libc.symbols.mount(null, ptr(cString('/')), null, BigInt(MS_REC | MS_SLAVE), null) !== 0) throw fail('make / a slave mount');
  const targets: string[] = [];
  const findings: Finding[] = [];
  const wantsIdmap = plan.root.kind !== 'bind' || plan.binds.some(bind => bind.idmap);
  let userns: number | undefined;
  try {
    if (wantsIdmap) userns = await openUserNamespace(ids.uids, ids.gids);
    const rootTarget = `${plan.dir}/rootfs`;
    const rootFallback = await stageRoot(plan, rootTarget, userns);
    targets.push(rootTarget);
    if (rootFallback !== undefined) findings.push(fallbackFinding('root.path', `the root filesystem ${plan.rootfs}`, rootFallback));
    const rootLost = rootFallback === undefined ? {} : { rootLost: rootFallback };
    for (const [index, bind] of plan.binds.entries()) {
      const options = { recursive: bind.recursive, nosuid: bind.idmap, nodev: bind.idmap };
      let refused: string | undefined = bind.idmap ? undefined : 'the policy idmaps no such mount';
      const source = await openSource(bind.source) ?? bind.source;
      try {
        if (bind.idmap && userns !== undefined) {
          try {
            await attachTree(await idmappedTree(source, userns, options), bind.target);
          } catch (error) {
            if (!(error instanceof IdmapRefused)) throw error;
            refused = error.message;
          }
        }
        if (refused !== undefined) await bindTree(source, bind.target, options);
      } finally {
        if (typeof source !== 'string') closeSync(source.fd);
      }
      targets.push(bind.target);
      if (refused !== undefined && bind.idmap) findings.push(fallbackFinding(`mounts.${index}`, `the bind of ${bind.source}`, refused));
    }
    return { targets, findings, ...rootLost };
  } catch (error) {
    await detachAll(targets);
    throw error;
  } finally {
    if (userns !== undefined) closeSync(userns);
  }
}

/** Builds the root's view on `target`; returns why it fell back to a plain bind, if it did. */
async function stageRoot(plan: StagingPlan, target: string, userns: number | undefined): Promise<string | undefined> {
  const root = plan.root;
  if (root.kind !== 'bind' && userns !== undefined) {
    const view = layersViewOf(plan.dir);
    try {
      const shared = root.kind === 'overlay' ? root.shared : undefined;
      if (root.kind === 'overlay' && shared !== undefined && fitsInOptions(root.layers, shared, view)) {
        // One idmapped view of the directory above the layers, not one per layer:
        // each idmapped tree costs its clone, and dropping it an unmount.
        await attachTree(await idmappedTree(shared, userns, { recursive: false }), view);
        await mountOverlay(target, root.layers.map(layer => `${view}${layer.slice(shared.length)}`), root.upper);
        await detachAll([view]);
      } else if (root.kind === 'overlay') {
        // Each layer idmapped on its own, attached in a tmpfs of this
        // namespace's (gone with it), and named relative to it.
        await mountScratchTmpfs(view);
        for (const [index, layer] of root.layers.entries()) {
          mkdirSync(`${view}/${index}`);
          await attachTree(await idmappedTree(layer, userns, { recursive: false }), `${view}/${index}`);
        }
        await mountOverlay(target, root.layers.map((_, index) => String(index)), root.upper, view);
        await detachAll([view]);
      } else {
        await attachTree(await idmappedTree(plan.rootfs, userns, { recursive: true }), target);
      }
      return undefined;
    } catch (error) {
      if (!(error instanceof IdmapRefused) && root.kind !== 'overlay') throw error;
      await detachAll([view, target]);
      await bindTree(plan.rootfs, target, { recursive: true });
      return (error as Error).message;
    }
  }
  await bindTree(plan.rootfs, target, { recursive: true });
  return root.kind === 'bind' ? root.reason : 'no user namespace for idmapping';
}

/** Whether the layers' paths in the view fit in the one page the kernel reads a mount's options from. */
function fitsInOptions(layers: readonly string[], shared: string, view: string): boolean {
  return layers.reduce((length, layer) => length + view.length + layer.length - shared.length + 1, 0) < 3072;
}

function fallbackFinding(path: string, what: string, reason: string): Finding {
  return {
    rule: 'user-namespace',
    action: 'changed',
    path,
    message: `${what} is not idmapped (${reason}): its files show as nobody in the container, and container root writes there only where the mapped host ids may`,
  };
}
