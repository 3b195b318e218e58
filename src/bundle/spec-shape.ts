import { HardrunError } from '../errors.js';
import { describeSchemaError } from '../schema-error.js';
import { specFields, type FieldTree } from '../spec/generated/spec-fields.js';
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
  refuseOtherSpellings(value, `config.json ${path}`);
  return value as Spec;
}

/** The same check for an `exec --process` document. */
export function asProcess(value: unknown, path: string): Process {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HardrunError('spec-invalid', `process file ${path} must hold a JSON object`);
  }
  const document = { process: value };
  if (!validateAsRuncReads(document)) throw shapeError(`process file ${path}`, validate.errors?.[0]);
  refuseOtherSpellings(document, `process file ${path}`);
  return document.process as Process;
}

/**
 * runc's JSON decoder (Go's) matches a key to a field without regard to
 * case, and of two keys for one field the last wins: beside the `seccomp`
 * hardrun hardens, a `Seccomp` key would be the profile runc applies. So a
 * key that is another spelling of a field hardrun reads is refused, and
 * what hardrun judged is what the backend runs. Go also folds ſ and K (the
 * Kelvin sign) into s and k, and, since Go 1.21, ı and İ into i.
 */
function refuseOtherSpellings(document: unknown, what: string): void {
  const found = otherSpelling(document, specFields);
  if (found === undefined) return;
  const at = found.path.length === 0 ? '' : `${found.path.reverse().join('.').replaceAll('.[', '[')}.`;
  throw new HardrunError('spec-invalid', `${what}: ${at}${found.key}: runc would read this key as ${at}${found.field} (Go matches JSON keys to fields without regard to case), which hardrun checks under that name only: write it as ${found.field}`);
}

/** The first key in `value` that another field's name folds to, with the path to it (innermost first). */
function otherSpelling(value: unknown, tree: FieldTree): { path: string[]; key: string; field: string } | undefined {
  const items = tree.items;
  if (Array.isArray(value)) {
    if (items === undefined || (items.fields === undefined && items.items === undefined)) return undefined;
    for (let index = 0; index < value.length; index += 1) {
      const found = otherSpelling(value[index], items);
      if (found !== undefined) {
        found.path.push(`[${index}]`);
        return found;
      }
    }
    return undefined;
  }
  const { fields, folded } = tree;
  if (fields === undefined || folded === undefined || typeof value !== 'object' || value === null) return undefined;
  const entries = value as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    const exact = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (exact !== undefined) {
      if (exact.fields === undefined && exact.items === undefined) continue;
      const found = otherSpelling(entries[key], exact);
      if (found !== undefined) {
        found.path.push(key);
        return found;
      }
      continue;
    }
    const upper = goFold(key);
    if (Object.hasOwn(folded, upper)) return { path: [], key, field: folded[upper] ?? key };
  }
  return undefined;
}

/** Characters outside ASCII that Go's decoder folds into an ASCII letter. */
const foldsToAscii: Readonly<Record<string, string>> = { '\u017f': 'S', '\u212a': 'K', '\u0131': 'I', '\u0130': 'I' };

function goFold(name: string): string {
  if (/^[\x00-\x7f]*$/.test(name)) return name.toUpperCase();
  let result = '';
  for (const char of name) result += foldsToAscii[char] ?? (char < '\u0080' ? char.toUpperCase() : char);
  return result;
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
  for (let dropped = 0; ; dropped += 1) {
    if (validate(document)) return true;
    // A bound on the work a hostile document can ask for; the refusal then names the next null.
    if (dropped === maxNullFields) return false;
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
}

/** How many null fields one document may have read as absent. */
const maxNullFields = 256;

function shapeError(what: string, error: Parameters<typeof describeSchemaError>[0] | undefined): HardrunError {
  if (error === undefined) return new HardrunError('spec-invalid', `${what} is not a valid OCI spec`);
  const problem = describeSchemaError(error);
  return new HardrunError('spec-invalid', `${what}: ${problem.path}: ${problem.message}`);
}
