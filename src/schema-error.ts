/** A failed JSON Schema check as the generated validators report it. */
export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/** A validator's error as `path: message`, the path dotted as in JavaScript (`rules[0].backend`). */
export function describeSchemaError(error: SchemaError): { path: string; message: string } {
  const base = error.instancePath.split('/').slice(1).map(part => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  const path = (parts: string[]): string => parts.reduce((text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`), '') || '(root)';
  switch (error.keyword) {
    case 'additionalProperties':
      return { path: path([...base, String(error.params['additionalProperty'])]), message: 'is not a known field' };
    case 'required':
      return { path: path([...base, String(error.params['missingProperty'])]), message: 'is required' };
    case 'enum':
      return { path: path(base), message: `must be one of: ${(error.params['allowedValues'] as unknown[]).join(', ')}` };
    case 'const':
      return { path: path(base), message: `must be ${JSON.stringify(error.params['allowedValue'])}` };
    case 'pattern':
      return { path: path(base), message: error.params['pattern'] === '\\S' ? 'must not be empty' : `must match ${String(error.params['pattern'])}` };
    case 'type':
      // A list setting of a policy: a list, or an edit of the built-in one.
      return { path: path(base), message: String(error.params['type']) === 'array,object' ? 'must be a list, or {add: [...], remove: [...]}' : error.message ?? 'has the wrong type' };
    case 'minProperties':
      return { path: path(base), message: 'must have at least one condition' };
    default:
      return { path: path(base), message: error.message ?? error.keyword };
  }
}

