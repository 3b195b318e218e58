import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEnv, runTool } from './run-tool.js';

/**
 * /usr/share/doc/hardrun/examples/policy.yaml: the built-in policy as the
 * engine prints it (`hardrun policy show`, every default filled in), so the
 * example is always one this engine accepts and names every field.
 */
export function renderExamplePolicy(engine: string, emptyDir: string): string {
  const minimal = join(emptyDir, 'policy.yaml');
  writeFileSync(minimal, 'version: 1\n');
  const shown = runTool(engine, ['policy', 'show', minimal], { cwd: emptyDir, env: buildEnv });
  const body = shown.split('\n').filter(line => !line.startsWith('# The policy in force')).join('\n');
  return [
    '# hardrun\'s built-in policy, every default filled in (what `hardrun policy show` prints',
    '# when no policy file is in force). Copy it to /etc/hardrun/policy.yaml, change what your',
    '# hosts need, and check it with `hardrun policy check /etc/hardrun/policy.yaml`.',
    '# The fields and more examples: /usr/share/doc/hardrun/docs/policy.md',
    body,
  ].join('\n');
}
