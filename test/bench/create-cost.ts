// hardrun's own cost on `create`: the same create through hardrun, with a
// policy whose backend is /bin/true (a backend that exits at once), against
// the floor of any wrapper, a one-line sh script that execs /bin/true. The
// target's row is the create that costs most: Docker's config.json under the
// user namespace that keeps ownership, its rootfs an overlay of 20 layers.
// Then where the time goes.
//
// Process-level costs come from A/B rows on real executables: an empty Bun
// executable compiled like the engine (the floor of any Bun program), and the
// engine failing at once (start, parsing its bundle, evaluating the create
// path). The phases inside a create come from the shipped engine itself,
// under strace: the file and mount calls that open and close each phase
// (policy opened, config.json opened, /etc/subuid read, record written...)
// time them. strace adds a few tens of microseconds to each traced call, so
// those phases read a little long; black-box, they survive refactoring of src/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../helpers/dockerd.js';
import { enginePath, launcherPath } from '../helpers/shipped.js';
import { makeBundle, makeDockerRecord, makeLayeredBundle } from './bundle.js';
import { compileLikeEngine, ideaPair, ideasOn } from './ideas.js';
import { mountNamespaces } from './mount-namespaces.js';
import { bench, compare, envInt, must, pairs, printTable, stats, verdict, type Variant } from './runner.js';

function check(file: string, args: readonly string[], expect = 0): void {
  const result = spawnSync(file, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== expect) throw new Error(`${file} ${args.join(' ')} exited ${result.status ?? result.signal}: ${result.stderr}`);
}

/**
 * The traced calls that mark a create's progress, in the order the engine
 * makes them, with what today's src/runtime/create-hardened.ts does after each.
 */
function events(policy: string, bundle: string, root: string): [string, (call: string) => boolean][] {
  return [
    ['exec (Bun starts, parses the bundle, evaluates modules, parses argv)', () => true],
    ['config.json opened (parse, shape check; a live container of that id looked for)', call => call.includes(`"${bundle}/config.json"`)],
    ['policy opened (cached policy read; caller, host facts)', call => call.includes(`"${policy}"`)],
    ['/etc/subuid opened (admission: checks, hardening pipeline, user namespace; claim; staging plan)', call => call.includes('"/etc/subuid"')],
    ['record temp file opened (write, rename)', call => call.includes(`"${root}.hardrun/.`)],
    ['mkdir /run/hardrun (staging directories, mountpoints)', call => call.startsWith('mkdir("/run/hardrun"')],
    ['unshare (mount namespace, user namespace, idmapped layers and binds)', call => call.startsWith('unshare(')],
    ['audit log opened (write)', call => call.includes('O_APPEND')],
    ['caller-config.json kept in staging (rewrite config.json)', call => call.includes('/caller-config.json.')],
    ['config.json renamed (stdio, hand-over)', call => call.startsWith('rename(') && call.includes(`"${bundle}/config.json"`)],
    ['execve /bin/true (the backend runs, exits)', call => call.startsWith('execve("/bin/true"')],
  ];
}

/** Splits one strace -f -ttt log into the spans between the events found (an event not made is skipped). */
function phasesOf(log: string, marks: ReturnType<typeof events>): [string, number][] {
  const lines = log.split('\n').map(line => /^\d+\s+(\d+\.\d+)\s+(.*)$/.exec(line)).filter(match => match !== null);
  const found: { label: string; at: number }[] = [];
  let from = 0;
  for (const [label, test] of marks) {
    const index = lines.findIndex((line, i) => i >= from && test(line[2]!));
    if (index < 0) continue;
    found.push({ label, at: Number(lines[index]![1]) * 1000 });
    from = index + 1;
  }
  const end = Number(lines.at(-1)?.[1] ?? 0) * 1000;
  return found.map((event, i) => [`from ${event.label}`, (found[i + 1]?.at ?? end) - event.at]);
}

bench('create-cost: hardrun\'s own cost on create (backend /bin/true)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-bench-'));
  const root = join(dir, 'state');
  mkdirSync(root);
  const bundle = makeBundle(dir);
  const layered = makeLayeredBundle(dir, 20);
  const policy = join(dir, 'policy.json');
  const yamlPolicy = join(dir, 'policy.yaml');
  writeFileSync(policy, JSON.stringify({ defaultBackend: 'true', backends: { true: { path: '/bin/true', kind: 'runc' } } }));
  // As a host's /etc/hardrun/policy.yaml would be: YAML, with the audit log on.
  writeFileSync(yamlPolicy, `version: 1\ndefaultBackend: "true"\nbackends:\n  "true":\n    path: /bin/true\n    kind: runc\naudit:\n  file: ${join(dir, 'audit.jsonl')}\n`);
  // The image lookup, A/B: one Docker-shaped bundle and id, with a policy
  // whose one rule names an image (so Docker's record is read) and without.
  const record = makeDockerRecord(dir);
  const dockerBundle = makeBundle(dir, { rootPath: record.rootPath });
  const imagePolicy = join(dir, 'policy-image.json');
  const sameWithoutImage = join(dir, 'policy-no-image.json');
  const imageRule = (match: object) => JSON.stringify({ defaultBackend: 'true', backends: { true: { path: '/bin/true', kind: 'runc' } }, rules: [{ name: 'r', match }] });
  writeFileSync(imagePolicy, imageRule({ image: ['registry.example.com/nothing-here'] }));
  writeFileSync(sameWithoutImage, imageRule({ caller: ['nothing-here'] }));
  const id = 'bench-create';
  const argv = ['--root', root, 'create', '--bundle', bundle.dir, id];
  const hardrunArgv = (policyFile: string) => ['--root', root, '--policy', policyFile, 'create', '--bundle', bundle.dir, id];
  // The launcher's delete runs /bin/true, then removes the staging directory and the record.
  const undo = () => check(launcherPath, ['--root', root, 'delete', id]);
  const floor = join(dir, 'sh-floor');
  writeFileSync(floor, '#!/bin/sh\nexec /bin/true "$@"\n', { mode: 0o755 });
  let namespaces: ReturnType<typeof mountNamespaces>;
  try {
    writeFileSync(join(dir, 'empty.ts'), 'process.exit(0);\n');
    const empty = compileLikeEngine(join(dir, 'empty.ts'), join(dir, 'empty'));
    const idea = ideasOn ? ideaPair(dir) : undefined;
    const create = (name: string, file: string, policyFile = policy): Variant => ({
      name, before: bundle.restore, run: () => check(file, hardrunArgv(policyFile)), after: undo,
    });
    namespaces = mountNamespaces(dir, 1000);
    const inNamespace = (name: string, file: string): Variant => ({
      name, before: bundle.restore, run: () => check(...namespaces!.enter(file, [launcherPath, ...hardrunArgv(policy)])), after: undo,
    });
    const quietName = 'hardrun create, through the launcher, in a copy of this host\'s mount namespace (nsenter)';
    const busyName = `the same, ${namespaces?.extra ?? 0} more mounts on the host (a node of many pods)`;
    const variants: Variant[] = [
      { name: '/bin/true create (the backend alone)', run: () => check('/bin/true', argv) },
      { name: 'floor: sh pass-through, exec /bin/true', run: () => check(floor, argv) },
      ...(empty ? [{ name: 'empty Bun executable', run: () => check(empty, []) }] : []),
      { name: 'engine, failing at once (create, an invalid id)', run: () => check(enginePath, ['--root', root, 'create', '..'], 1) },
      create('hardrun create, engine direct', enginePath),
      create('hardrun create, engine direct, YAML policy with the audit log', enginePath, yamlPolicy),
      create('hardrun create, through the launcher', launcherPath),
      {
        name: 'hardrun create, through the launcher, a 20-layer overlay rootfs',
        before: layered.restore,
        run: () => check(launcherPath, ['--root', root, '--policy', policy, 'create', '--bundle', layered.dir, id]),
        after: undo,
      },
      ...(idea ? [create(`idea: through the launcher, ${idea.name}`, idea.launcher)] : []),
      ...(namespaces === undefined ? [] : [inNamespace(quietName, namespaces.quiet), inNamespace(busyName, namespaces.busy)]),
      ...[['without', sameWithoutImage], ['with', imagePolicy]].map(([how, file]): Variant => ({
        name: `Docker-shaped bundle, engine direct, ${how} an image rule`,
        before: dockerBundle.restore,
        run: () => check(enginePath, ['--root', root, '--policy', file!, 'create', '--bundle', dockerBundle.dir, record.id]),
        after: () => check(launcherPath, ['--root', root, 'delete', record.id]),
      })),
    ];
    const rows = await compare(variants, { rounds: pairs(30) });
    printTable('one create, wall time of the process (spawnSync)', rows, { baseline: variants[0]!.name, digits: 2 });
    const at = (name: string) => rows.find(row => row.name === name)?.median ?? NaN;
    const backend = at(variants[0]!.name);
    const floorMs = at('floor: sh pass-through, exec /bin/true');
    const layeredMs = at('hardrun create, through the launcher, a 20-layer overlay rootfs');

    console.log('\nwhere the time goes (differences of medians):');
    const line = (ms: number, what: string) => console.log(`  ${ms.toFixed(2).padStart(7)} ms  ${what}`);
    const failing = at('engine, failing at once (create, an invalid id)');
    line(floorMs - backend, 'the floor: one sh start in front of the backend (sh pass-through, minus /bin/true)');
    if (empty) line(at('empty Bun executable') - backend, 'a Bun executable starts and exits (the empty one, minus /bin/true)');
    if (empty) line(failing - at('empty Bun executable'), 'the engine parses its bundle and evaluates the create path (failing at once, minus the empty one)');
    line(at('hardrun create, engine direct') - failing, 'the create itself, execve of the backend included (engine direct, minus failing at once)');
    line(at('hardrun create, through the launcher') - at('hardrun create, engine direct'), 'the sh launcher in front (through the launcher, minus engine direct)');
    line(at('hardrun create, engine direct, YAML policy with the audit log') - at('hardrun create, engine direct'), '(not in the total) a YAML policy with the audit log instead of a JSON one without');
    line(at('hardrun create, through the launcher, a 20-layer overlay rootfs') - at('hardrun create, through the launcher'), '(not in the total) an image of 20 layers, each an idmapped mount, instead of a plain-directory rootfs');
    if (namespaces !== undefined) line(at(busyName) - at(quietName), `(not in the total) a host of ${namespaces.extra} more mounts: the mount table read, parsed and searched, and copied by the staging's unshare`);
    line(at('Docker-shaped bundle, engine direct, with an image rule') - at('Docker-shaped bundle, engine direct, without an image rule'), '(not in the total) an image rule: Docker\'s record found, checked and read');

    const strace = findExecutable('strace', ['/usr/bin', '/bin']);
    /** Creates through `engine` under strace, split into spans at the marker calls. */
    const spans = (tracer: string, engine: string) => {
      const samples = new Map<string, number[]>();
      const traceFile = join(dir, 'trace');
      for (let i = 0; i < envInt('BENCH_TRACES', 15); i++) {
        bundle.restore();
        must(tracer, ['-f', '--seccomp-bpf', '-ttt', '-o', traceFile, '-e', 'trace=open,openat,mkdir,link,rename,unshare,execve', engine, ...hardrunArgv(policy)]);
        undo();
        const phases = phasesOf(readFileSync(traceFile, 'utf8'), events(policy, bundle.dir, root));
        for (const [label, ms] of [...phases, ['(total, under strace)', phases.reduce((sum, [, ms]) => sum + ms, 0)] as const]) {
          samples.set(label, [...(samples.get(label) ?? []), ms]);
        }
      }
      return [...samples].map(([label, values]) => stats(label, values));
    };
    const engines: [string, string][] = [['the shipped engine', enginePath], ...(idea ? [[`idea: the ${idea.name}`, idea.engine] as [string, string]] : [])];
    if (strace === undefined) console.log('\nphases inside a create: skipped, strace is not installed');
    else for (const [what, engine] of engines) printTable(`spans of one create through ${what}, each from a traced call to the next (under strace)`, spans(strace, engine), { digits: 2 });
    console.log(`\nhardrun create through the launcher over the sh floor: ${(at('hardrun create, through the launcher') - floorMs).toFixed(2)} ms (plain-directory rootfs), ${(layeredMs - floorMs).toFixed(2)} ms (20-layer overlay)`);
    verdict('own cost on create over the sh floor, user namespace, 20-layer image (launcher minus floor, medians)', layeredMs - floorMs, '<=', 7, ' ms');
  } finally {
    try {
      if (existsSync(join(`${root}.hardrun`, id))) undo(); // a failed sample left its record and staging
    } finally {
      namespaces?.remove();
      layered.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
