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
  if (!validate(value)) throw shapeError(`config.json ${path}`, validate.errors?.[0]);
  return value as Spec;
}

/** The same check for an `exec --process` document. */
export function asProcess(value: unknown, path: string): Process {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HardrunError('spec-invalid', `process file ${path} must hold a JSON object`);
  }
  if (!validate({ process: value })) throw shapeError(`process file ${path}`, validate.errors?.[0]);
  return value as Process;
}

function shapeError(what: string, error: Parameters<typeof describeSchemaError>[0] | undefined): HardrunError {
  if (error === undefined) return new HardrunError('spec-invalid', `${what} is not a valid OCI spec`);
  const problem = describeSchemaError(error);
  return new HardrunError('spec-invalid', `${what}: ${problem.path}: ${problem.message}`);
}
