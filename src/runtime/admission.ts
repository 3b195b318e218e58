import { resolve } from 'node:path';
import { readJsonFile, type JsonFile } from '../bundle/spec-file.js';
import { rootInStaging } from '../bundle/rootfs.js';
import { asSpec } from '../bundle/spec-shape.js';
import { stagingBase } from '../bundle/staging.js';
import { HardrunError, isErrno } from '../errors.js';
import { hostFacts } from '../host/facts.js';
import { admitSpec, type Admission, type IdSource } from '../policy/admit.js';
import { auditDecision } from '../policy/audit.js';
import type { ImageIdentity } from '../policy/image.js';
import type { Subject } from '../policy/match.js';
import type { Policy } from '../policy/policy.js';
import type { Spec } from '../spec/types.js';
import { writeFileAtomic } from '../host/atomic-file.js';

/** The container a bundle is admitted as: what `create`, `explain` and the shim front each know of the call. */
export interface AdmissionTarget {
  readonly id: string;
  /** The bundle directory, absolute. */
  readonly bundle: string;
  /** The runc state root of the call (`--root`, else runc's default); the shim front knows none yet. */
  readonly root: string | undefined;
  /** The containerd namespace of the caller (src/host/facts.ts callerOf). */
  readonly caller: string;
  /** The image, when the caller already knows it (explain --image). */
  readonly image?: ImageIdentity;
}

/** The config.json the caller wrote. */
export interface CallerSpec {
  readonly spec: Spec;
  readonly value: unknown;
  readonly text: string;
  /** Where it was read: the bundle's config.json, or the copy hardrun keeps in the container's staging directory. */
  readonly path: string;
  /** The bundle's config.json is hardrun's own rewrite, and `path` the kept copy. */
  readonly ours: boolean;
}

export interface BundleAdmission {
  readonly subject: Subject;
  readonly original: CallerSpec;
  readonly admission: Admission;
}

/**
 * The one admission of a bundle: `create`, `explain` and the shim front
 * all decide through it, from the caller's own config.json and the same
 * facts of the call, so that explain says what create does. Pure apart
 * from reading the bundle (pass `original` to reuse a reading).
 */
export function admitBundle(policy: Policy, target: AdmissionTarget, idSource: IdSource, original: CallerSpec = readCallerSpec(target.bundle)): BundleAdmission {
  const subject: Subject = {
    id: target.id,
    spec: original.spec,
    caller: target.caller,
    host: hostFacts,
    bundle: target.bundle,
    origin: { bundle: target.bundle, root: target.root },
    defaultDevices: policy.hardening.devices.allow,
    ...(target.image === undefined ? {} : { image: target.image }),
  };
  return { subject, original, admission: admitSpec(policy, subject, idSource) };
}

/** A refused admission stops the call: the decision goes to the audit log, its reasons to the caller. */
export function refuseIfRefused(policy: Policy, admission: Admission, call: { id: string; caller: string }): void {
  if (admission.refusals.length === 0) return;
  auditDecision(policy, { event: 'create', id: call.id, caller: call.caller, backend: admission.backend.name }, admission);
  throw new HardrunError('refused', `hardrun refused this container: ${admission.refusals.join('; ')}`);
}

/** The name of the caller's config.json kept in a container's staging directory. */
export const keptConfigName = 'caller-config.json';

/** A staging directory's root, as the staged config.json names it (src/bundle/staging.ts). */
const stagedRoot = new RegExp(`^${stagingBase}/([0-9a-f]{12}-[\\w+,.-]+)/rootfs$`);

/**
 * The spec as the caller wrote it. A bundle hardrun already created a
 * container from (runc `restore`, a second `create` from the same bundle)
 * holds hardrun's output, whose root points into that container's staging
 * directory: the caller's original is kept there, outside the bundle (which
 * may be the container's own root filesystem), bound to the bundle it came
 * from. Once that container is deleted the original is gone with its
 * staging, and a config.json that still points there is refused rather
 * than hardened a second time.
 */
export function readCallerSpec(bundle: string, current: JsonFile = readJsonFile(`${bundle}/config.json`, 'config.json')): CallerSpec {
  const configPath = `${bundle}/config.json`;
  const rootPath = rootInStaging(current.value);
  if (rootPath === undefined) {
    return { ...current, spec: asSpec(current.value, configPath), path: configPath, ours: false };
  }
  const staging = stagedRoot.exec(rootPath)?.[1];
  if (staging === undefined) throw new HardrunError('spec-read', `${configPath}: root.path ${rootPath} is inside hardrun's ${stagingBase} but not a staging directory's root; give the container a root of its own`);
  const keptPath = `${stagingBase}/${staging}/${keptConfigName}`;
  let kept: { value: unknown };
  try {
    kept = readJsonFile(keptPath, 'the kept original of config.json');
  } catch (error) {
    if (!(error instanceof HardrunError && isErrno(error.cause, 'ENOENT'))) throw error;
    throw new HardrunError('spec-read', `${configPath} is hardrun's rewrite for container ${staging.slice(13)} (root.path ${rootPath}), whose original went with that container's delete: write config.json again from its source before creating from this bundle`);
  }
  const { bundle: keptFor, config } = (kept.value ?? {}) as { bundle?: unknown; config?: unknown };
  if (typeof keptFor !== 'string' || resolve(keptFor) !== resolve(bundle)) {
    throw new HardrunError('spec-read', `${configPath} points into the staging directory of a container made from another bundle (${String(keptFor)}): hardrun starts again from a kept original only for the bundle it came from`);
  }
  return { value: config, text: JSON.stringify(config), spec: asSpec(config, keptPath), path: keptPath, ours: true };
}

/**
 * Keeps the caller's config.json in the container's staging directory, for
 * a later create from the same bundle: root-owned, 0600, written whole
 * (temporary file and rename, its name without a leading dot so that the
 * launcher's `rm -d DIR/*` at delete takes a leftover one too).
 */
export function keepCallerSpec(stagingDir: string, bundle: string, original: CallerSpec): void {
  const target = `${stagingDir}/${keptConfigName}`;
  writeFileAtomic(target, `{"bundle":${JSON.stringify(bundle)},"config":${original.text}}`, 0o600, { tempPrefix: `${target}.` });
}
