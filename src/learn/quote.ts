/**
 * A path (or image reference) as YAML, plain where it is only letters,
 * digits and `._/+-:@` (and starts with neither `:` nor `@`), else
 * double-quoted: the names come from the container's writes and the
 * image's layers, and a newline or a bracket in one must not become YAML
 * of its own in the rule the operator pastes or the policy report writes.
 */
export function yamlPath(text: string): string {
  return /^[A-Za-z0-9._/+-][A-Za-z0-9._/+:@-]*$/.test(text) && !text.includes(': ') ? text : JSON.stringify(text);
}

/** A program name, path or reason for a comment line or a table cell: one line, printable ASCII. */
export function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
