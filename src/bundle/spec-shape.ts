import { HardrunError } from '../errors.js';
import { describeSchemaError } from '../schema-error.js';
import { validate } from '../spec/generated/validate-spec.js';
import type { Process, Spec } from '../spec/types.js';

/**
 * Checks the types of the fields hardrun reads or writes (schemas/spec.schema.json)
 * before any transform sees them: a wrong type is a clear refusal naming the
 * field, never a crash half way. Fields hardrun does not touch are the
 * backend's to judge.
 */
export function asSpec(value: unknown, path: string): Spec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HardrunError('spec-invalid', `config.json ${path} must hold a JSON object`);
  }
  if (!validateAsRuncReads(value)) throw shapeError(`config.json ${path}`, validate.errors?.[0]);
  return value as Spec;
}

/** The same check for an `exec --process` document. */
export function asProcess(value: unknown, path: string): Process {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HardrunError('spec-invalid', `process file ${path} must hold a JSON object`);
  }
  const document = { process: value };
  if (!validateAsRuncReads(document)) throw shapeError(`process file ${path}`, validate.errors?.[0]);
  return document.process as Process;
}

/**
 * runc reads a field that is null as one that is absent (Go's JSON decoder
 * leaves it unset), so `"seccomp": null` is a valid config.json to it. The
 * validator refuses it; then each null it refused as an object's field (not
 * an array's item, not a map's value) is taken out and the document checked
 * again. A document without such nulls, every one a
 * runtime receives from Docker or containerd, is checked once.
 */
function validateAsRuncReads(document: object): boolean {
  for (let dropped = 0; dropped < 64; dropped += 1) {
    if (validate(document)) return true;
    const error = validate.errors?.[0];
    // A map's value (annotations, sysctl) is checked at additionalProperties: runc keeps such a key, with an empty value.
    if (error === undefined || error.keyword !== 'type' || error.schemaPath.endsWith('/additionalProperties/type')) return false;
    const at = error.instancePath.split('/').slice(1).map(part => part.replaceAll('~1', '/').replaceAll('~0', '~'));
    const key = at.pop();
    let parent: unknown = document;
    for (const part of at) parent = typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>)[part] : undefined;
    if (key === undefined || typeof parent !== 'object' || parent === null || Array.isArray(parent)) return false;
    const fields = parent as Record<string, unknown>;
    if (!Object.hasOwn(fields, key) || fields[key] !== null) return false;
    delete fields[key];
  }
  return false;
}

function shapeError(what: string, error: Parameters<typeof describeSchemaError>[0] | undefined): HardrunError {
  if (error === undefined) return new HardrunError('spec-invalid', `${what} is not a valid OCI spec`);
  const problem = describeSchemaError(error);
  return new HardrunError('spec-invalid', `${what}: ${problem.path}: ${problem.message}`);
}
