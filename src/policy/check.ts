import { HardrunError } from '../errors.js';
import { describeSchemaError } from '../schema-error.js';
import type { PolicyDocument } from './generated/policy-document.js';
import { validate } from './generated/validate-policy.js';
import { normalizePolicy } from './normalize.js';
import type { Policy } from './policy.js';
import { checkSemantics, type PolicyProblem } from './semantic.js';

export interface LocatedProblem extends PolicyProblem {
  readonly line?: number;
}

/** A policy file's verdict: the document when valid, every problem otherwise. */
export interface PolicyCheck {
  readonly document?: PolicyDocument;
  readonly problems: readonly LocatedProblem[];
}

/** The policy a file's text holds, validated and normalized; throws naming every problem. */
export async function policyFromText(text: string, path: string): Promise<Policy> {
  const verdict = await checkPolicyText(text, path);
  if (verdict.document === undefined) throw invalidPolicy(path, verdict.problems);
  return normalizePolicy(verdict.document, path);
}

/** Parses and validates a policy text: syntax, then the schema, then the semantic rules. */
export async function checkPolicyText(text: string, path: string): Promise<PolicyCheck> {
  let value: unknown;
  try {
    value = looksLikeJson(path, text) ? JSON.parse(text) : (await import('yaml')).parse(text, { prettyErrors: false });
  } catch (error) {
    const line = syntaxErrorLine(text, error);
    return { problems: [{ path: '(file)', message: `is not valid ${looksLikeJson(path, text) ? 'JSON' : 'YAML'}: ${firstLine((error as Error).message)}`, ...(line === undefined ? {} : { line }) }] };
  }
  if (value === null || value === undefined) value = {};
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(describeSchemaError);
    return { problems: await locate(text, problems) };
  }
  const document = value as PolicyDocument;
  const semantic = checkSemantics(document);
  return semantic.length === 0 ? { document, problems: [] } : { problems: await locate(text, semantic) };
}

export function formatProblem(problem: LocatedProblem): string {
  return `${problem.path}${problem.line === undefined ? '' : ` (line ${problem.line})`}: ${problem.message}`;
}

function invalidPolicy(path: string, problems: readonly LocatedProblem[]): HardrunError {
  return new HardrunError('policy-invalid', `policy ${path} is invalid: ${problems.map(formatProblem).join('; ')}`);
}

function looksLikeJson(path: string, text: string): boolean {
  return path.endsWith('.json') || text.trimStart().startsWith('{');
}

/** Adds the line of each problem's path, found by parsing the text again with positions. */
async function locate(text: string, problems: readonly PolicyProblem[]): Promise<LocatedProblem[]> {
  const { LineCounter, parseDocument } = await import('yaml');
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  return problems.map(problem => {
    const keys = problem.path.match(/[^.[\]]+/g) ?? [];
    const segments = keys.map(key => (/^\d+$/.test(key) ? Number(key) : key));
    for (let length = segments.length; length > 0; length -= 1) {
      // A field's line is where its key stands; a list item's, where it starts.
      const prefix = segments.slice(0, length);
      const node = document.getIn(prefix, true) as { range?: [number, number, number] } | undefined;
      const offset = typeof prefix[prefix.length - 1] === 'string' ? keyOffset(document, prefix) ?? node?.range?.[0] : node?.range?.[0];
      if (offset !== undefined) return { ...problem, line: counter.linePos(offset).line };
    }
    return problem;
  });
}

/** Where the key of a missing or unknown field sits in its parent mapping. */
function keyOffset(document: import('yaml').Document, segments: (string | number)[]): number | undefined {
  const parent = segments.length === 1 ? document.contents : document.getIn(segments.slice(0, -1), true);
  const items = (parent as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null)?.items;
  const pair = items?.find(item => item.key?.value === segments[segments.length - 1]);
  return pair?.key?.range?.[0];
}

function syntaxErrorLine(text: string, error: unknown): number | undefined {
  // yaml gives the offset as `pos`; JSON.parse names it in its message.
  const yamlOffset = (error as { pos?: number[] }).pos?.[0];
  const jsonOffset = /position (\d+)/.exec((error as Error).message)?.[1];
  const offset = yamlOffset ?? (jsonOffset === undefined ? undefined : Number(jsonOffset));
  return offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
