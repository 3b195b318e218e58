import { ruleShown } from '../state/record.js';
import { layerWrites, type Writes } from '../learn/layer-writes.js';
import { printable, yamlPath } from '../learn/quote.js';
import { needsNothing, needsOf, ruleEntry } from '../learn/rule.js';
import { existsSync, readFileSync } from 'node:fs';
import { rootfsOf } from '../bundle/rootfs.js';
import { rootViewOf } from '../bundle/staging.js';
import { HardrunError } from '../errors.js';
import { normalizeDestination } from '../spec/mount-options.js';
import { readCapabilityTrace, type CapabilityUse } from '../host/cap-trace.js';
import { capabilityName } from '../host/capability-numbers.js';
import { callerOf, hostFacts } from '../host/facts.js';
import { mountAt } from '../host/mountinfo.js';
import { imageOf } from '../policy/image.js';
import { loadPolicy } from '../policy/load.js';
import { readCallerSpec } from '../runtime/admission.js';
import type { Spec } from '../spec/types.js';
import { defaultRoots, findContainers, type FoundContainer } from './inspect/locate.js';
import { readBackendState } from './inspect/state.js';

export interface SuggestArgs {
  readonly id?: string;
  readonly root?: string;
  readonly policy?: string;
}

/**
 * `hardrun suggest CONTAINER`: the rule that lets a container run under the
 * read-only root and the capability allowlist, from what it did while it
 * ran with its root writable (the read-only root in audit mode): the
 * directories it wrote in, read from its own upper layer, and the
 * capabilities beyond the allowlist the kernel refused it, from its
 * capability trace (src/host/cap-trace.ts). Prints YAML to paste into the
 * policy in place of the rule that audited it.
 */
export async function suggestRule(args: SuggestArgs): Promise<number> {
  const container = onlyContainer(String(args.id), args.root === undefined ? defaultRoots() : [args.root]);
  const state = await readBackendState(container);
  if ('error' in state) throw new HardrunError('suggest', `cannot read container ${container.id}: ${state.error}`);
  if (state.status !== 'running' && state.status !== 'paused') throw new HardrunError('suggest', `container ${container.id} is ${state.status}: suggest reads a running container`);
  if (state.bundle === undefined) throw new HardrunError('suggest', `the backend does not say where container ${container.id}'s bundle is`);
  const policy = await loadPolicy(args.policy, process.env);
  const { spec } = readCallerSpec(state.bundle);
  const say = (line: string): void => { process.stdout.write(`${line}\n`); };

  const notes: string[] = [];
  const written = writesOf(container, state.pid, spec, state.bundle, notes);
  const uses = capabilityUses(container, notes);
  const base = policy.hardening;
  const needs = needsOf(written?.places ?? [], uses.map(use => capabilityName(use.cap)), { writablePaths: base.rootfs.writablePaths, allow: base.capabilities.allow, never: base.capabilities.never });
  if (needs.topOfRoot) notes.push(`it wrote at the top of the root (${(written?.examples ?? []).filter(path => path.split('/').length === 2).map(printable).join(', ')}), which no writable path can allow: keep its root writable, or change the image`);
  const extra = uses.filter(use => needs.capabilities.includes(capabilityName(use.cap)));

  const image = imageOf({ id: container.id, spec, caller: callerOf(container.root), host: hostFacts });
  say(`# hardrun suggest ${container.id}: what it wrote and asked for, as one rule`);
  say(`# the rule it runs under now: ${container.record === undefined ? 'unknown' : ruleShown(container.record)}`);
  if (written !== undefined) say(`# it wrote: ${written.examples.length === 0 ? 'nothing outside its mounts' : written.examples.slice(0, 12).map(yamlPath).join(', ')}${written.examples.length > 12 ? ', ...' : ''}`);
  for (const use of extra) say(`# it was refused ${capabilityName(use.cap)} (${use.programs.map(printable).join(', ')}), which the allowlist lacks`);
  for (const use of uses.filter(use => needs.neverGranted.includes(capabilityName(use.cap)))) say(`# it was refused ${capabilityName(use.cap)} (${use.programs.map(printable).join(', ')}), which hardrun never grants under runc: the rule leaves it out (it does without, or belongs in the sandbox)`);
  for (const note of notes) say(`# ${note}`);
  const name = image.known ? image.repository?.split('/').pop() ?? 'suggested' : 'suggested';
  if (!image.known) say(`# its image is not known (${printable(image.reason)}): add a match that names this container's workload`);
  if (needsNothing(needs)) say('# it needs nothing beyond the defaults: drop the rule that audits it');
  say('rules:');
  for (const line of ruleEntry(name, image.known ? image.repository : undefined, needs)) say(line);
  return 0;
}

function onlyContainer(query: string, roots: readonly string[]): FoundContainer {
  const found = findContainers(query, roots).filter(container => container.record !== undefined);
  const [only] = found;
  if (only === undefined) throw new HardrunError('suggest', `no container "${query}" that hardrun runs (give --root for a runtime state directory other than Docker's, containerd's and runc's)`);
  if (found.length > 1) throw new HardrunError('suggest', `"${query}" names ${found.length} containers: give more of the id`);
  return only;
}

/** What the container wrote in its root, or undefined (with a note) when that cannot be read. */
function writesOf(container: FoundContainer, pid: number, spec: Spec, bundle: string, notes: string[]): Writes | undefined {
  const inside = readFileSync(`/proc/${pid}/mountinfo`, 'utf8');
  const root = mountAt(inside, '/');
  if (root?.superOptions !== undefined && readOnlyRoot(inside)) {
    notes.push('its root is read-only, so its writes failed instead of landing: run it with the read-only root in audit mode (hardening.rootfs.mode: audit, in a rule on its image) to see them');
    return undefined;
  }
  const view = rootViewOf(rootfsOf(spec, bundle), readFileSync('/proc/self/mountinfo', 'utf8'), false);
  if (view.kind !== 'overlay' || view.upper === undefined) {
    notes.push('its root is not an overlay of layers, so what it wrote cannot be told from what the image holds');
    return undefined;
  }
  // With the user namespace, its writes land in hardrun's own upper layer; else in the engine's.
  const own = container.record?.staging !== undefined && existsSync(view.upper.upper);
  const [engines, ...image] = view.layers;
  if (engines === undefined) return undefined;
  const upper = own ? view.upper.upper : engines;
  const lowers = own ? view.layers : image;
  const mounted = new Set((readHardenedMounts(bundle) ?? spec.mounts ?? []).map(mount => normalizeDestination(mount.destination)));
  return layerWrites(upper, lowers, mounted);
}

/** Whether the container's root mount is read-only (the `ro` of its per-mount options). */
function readOnlyRoot(mountinfo: string): boolean {
  const line = mountinfo.split('\n').reverse().find(entry => entry.split(' ')[4] === '/');
  return line?.split(' ')[5]?.split(',').includes('ro') === true;
}

function readHardenedMounts(bundle: string): Spec['mounts'] {
  try {
    return (JSON.parse(readFileSync(`${bundle}/config.json`, 'utf8')) as Spec).mounts;
  } catch {
    return undefined;
  }
}

function capabilityUses(container: FoundContainer, notes: string[]): CapabilityUse[] {
  const trace = container.record?.trace;
  if (trace === undefined) {
    notes.push('its capabilities were not watched: hardrun watches them for a container it learns from (hardening.rootfs mode audit with learn: true), on runc, where tracefs is mounted (mount -t tracefs tracefs /sys/kernel/tracing)');
    return [];
  }
  const uses = readCapabilityTrace(trace, container.record?.learn?.held ?? []);
  if (uses === undefined) {
    notes.push(`its capability trace ${trace} is gone`);
    return [];
  }
  return uses;
}
