import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import fc from 'fast-check';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createMountpoint, resolveInRoot } from '../../src/bundle/secure-join.js';
import { HardrunError } from '../../src/errors.js';

/**
 * resolveInRoot must resolve a path as runc's securejoin does (a symlink is
 * read as if the root were `/`; `..` never climbs above it; a component that
 * does not exist, or lies under a file, is taken as written) and never name
 * anything outside the root. It follows at most 40 symlinks, as the kernel
 * does, where securejoin would follow 255: a longer chain is refused.
 */

function scratch(t: ExecutionContext): string {
  // Real path, so that the kernel's answers (/proc/self/fd links) compare as strings.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'hardrun-securejoin-')));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

type Node = { readonly kind: 'dir' } | { readonly kind: 'file' } | { readonly kind: 'link'; readonly target: string };
/** A tree by relative path ("a/b"), each parent before its children. */
type Tree = ReadonlyMap<string, Node>;

function materialize(root: string, tree: Tree): void {
  mkdirSync(root, { recursive: true });
  for (const [path, node] of tree) {
    const at = join(root, path);
    if (node.kind === 'dir') mkdirSync(at);
    else if (node.kind === 'file') writeFileSync(at, '');
    else symlinkSync(node.target, at);
  }
}

const within = (root: string, relative: string): string => (relative === '' ? root : `${root}/${relative}`);

/**
 * The reference: securejoin's rules, applied to the tree as data rather than
 * to the file system. Answers the resolved path relative to the root, or
 * 'loop' past 40 symlinks.
 */
function referenceResolve(tree: Tree, path: string): string {
  let links = 0;
  const walk = (start: readonly string[], parts: readonly string[]): string[] => {
    let current = [...start];
    for (const [index, part] of parts.entries()) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        current = current.slice(0, -1);
        continue;
      }
      const node = tree.get([...current, part].join('/'));
      if (node?.kind === 'link') {
        links += 1;
        if (links > 40) throw new Error('loop');
        const target = node.target.split('/');
        return walk(node.target.startsWith('/') ? [] : current, [...target, ...parts.slice(index + 1)]);
      }
      current = [...current, part];
    }
    return current;
  };
  try {
    return walk([], path.split('/')).join('/');
  } catch {
    return 'loop';
  }
}

/** resolveInRoot's answer in the reference's terms, and whether it stayed inside the root with no symlink in it. */
function actualResolve(root: string, path: string): { readonly relative: string; readonly inside: boolean } {
  let resolved: string;
  try {
    resolved = resolveInRoot(root, path);
  } catch (error) {
    if (error instanceof HardrunError && /too many symlinks/.test(error.message)) return { relative: 'loop', inside: true };
    throw error;
  }
  if (resolved !== root && !resolved.startsWith(`${root}/`)) return { relative: resolved, inside: false };
  const relative = resolved.slice(root.length + 1);
  const parts = relative === '' ? [] : relative.split('/');
  const noLink = parts.every((_part, index) => {
    try {
      return !lstatSync(within(root, parts.slice(0, index + 1).join('/'))).isSymbolicLink();
    } catch {
      return true;
    }
  });
  return { relative, inside: noLink };
}

/** The kernel's answers (openat2 with RESOLVE_IN_ROOT), through the bun of devDependencies. */
async function kernelResolve(jobs: readonly { readonly root: string; readonly paths: readonly string[] }[]): Promise<({ path: string } | { error: string })[][]> {
  const result = await execa(resolve('node_modules/.bin/bun'), [resolve('test/fixtures/openat2-resolve.mjs')], { input: JSON.stringify(jobs) });
  const answers = JSON.parse(result.stdout) as ({ path: string } | { error: string })[][];
  if (answers.flat().some(answer => 'error' in answer && answer.error === 'ENOSYS')) throw new Error('this kernel has no openat2 (Linux 5.6 or later has it)');
  return answers;
}

/** A tree with every case the brief names, and where each path must lead (relative to the root; 'loop' when refused). */
function fixtureTree(outside: string, rootName: string): { tree: Tree; cases: readonly (readonly [string, string])[] } {
  const entries: [string, Node][] = [
    ['a', { kind: 'dir' }],
    ['a/b', { kind: 'dir' }],
    ['file', { kind: 'file' }],
    ['abs', { kind: 'link', target: '/a' }],
    ['absb', { kind: 'link', target: '/a/b' }],
    ['up', { kind: 'link', target: '../../../../../..' }],
    ['deep-up', { kind: 'link', target: 'a/b/../../../../../a' }],
    ['a/b/back', { kind: 'link', target: '../../a/b' }],
    ['a/b/tofile', { kind: 'link', target: '/file' }],
    ['a/b/rel', { kind: 'link', target: 'c/../../b' }],
    ['a/b/abs-a', { kind: 'link', target: '/a' }],
    ['a/up', { kind: 'link', target: '/a/../../..' }],
    ['a/run', { kind: 'link', target: '/proc/1/root/etc' }],
    ['run', { kind: 'link', target: '/proc/1/root' }],
    ['selfroot', { kind: 'link', target: '/proc/self/root' }],
    ['hostproc', { kind: 'link', target: '../../../../proc' }],
    ['loop1', { kind: 'link', target: 'loop2' }],
    ['loop2', { kind: 'link', target: '/loop1' }],
    ['self', { kind: 'link', target: 'self' }],
    ['dot', { kind: 'link', target: '.' }],
    // Read from the host, this climbs out of the root and back into it: from inside, it names a directory of the root's own name.
    ['reenter', { kind: 'link', target: `../../../../../..${outside.replace(/\/[^/]+$/, '')}/${rootName}/a` }],
    ['outside', { kind: 'link', target: outside }],
    ['dangling', { kind: 'link', target: '/nowhere' }],
    ['trail', { kind: 'link', target: 'a/b/' }],
    ['m', { kind: 'link', target: 'l0' }],
  ];
  for (let index = 0; index < 40; index += 1) entries.push([`l${index}`, { kind: 'link', target: index === 39 ? '/a' : `l${index + 1}` }]);
  const reentered = `${outside.replace(/\/[^/]+$/, '').slice(1)}/${rootName}/a`;
  const cases: [string, string][] = [
    ['a', 'a'], ['/a/', 'a'], ['//a///b/', 'a/b'], ['', ''], ['/', ''], ['.', ''], ['./a/./b/.', 'a/b'],
    ['/../../a', 'a'], ['a/../../../file', 'file'], ['..', ''],
    ['abs', 'a'], ['abs/b', 'a/b'], ['absb/../b', 'a/b'], ['/abs/', 'a'],
    ['up', ''], ['up/a', 'a'], ['up/../up/../a/b', 'a/b'], ['deep-up', 'a'],
    ['a/b/back/back', 'a/b'], ['a/b/back/../../abs', 'a'],
    ['a/b/rel', 'a/b'], ['a/b/rel/rel/x', 'a/b/x'], ['a/b/tofile', 'file'], ['a/b/abs-a/b', 'a/b'], ['a/b/abs-a/b/abs-a/b/tofile', 'file'], ['a/up/a/b', 'a/b'], ['a/up', ''],
    ['a/run/passwd', 'proc/1/root/etc/passwd'], ['/a/b/../run', 'proc/1/root/etc'],
    ['run', 'proc/1/root'], ['run/etc/shadow', 'proc/1/root/etc/shadow'],
    ['selfroot', 'proc/self/root'], ['selfroot/etc', 'proc/self/root/etc'],
    ['hostproc', 'proc'], ['hostproc/self/root/etc', 'proc/self/root/etc'],
    ['loop1', 'loop'], ['loop2/x', 'loop'], ['self', 'loop'], ['a/../self/x', 'loop'],
    ['dot/dot/dot/a', 'a'], ['dot/../dot/a/b', 'a/b'],
    ['reenter', reentered],
    ['outside', outside.slice(1)], ['outside/secret', `${outside.slice(1)}/secret`],
    ['dangling', 'nowhere'], ['dangling/x/../y', 'nowhere/y'],
    ['trail', 'a/b'], ['trail/', 'a/b'], ['trail/../b', 'a/b'],
    ['file', 'file'], ['file/', 'file'], ['file/x', 'file/x'], ['file/x/y', 'file/x/y'], ['file/../a', 'a'], ['file/x/../../abs/b', 'a/b'],
    ['missing', 'missing'], ['missing/x/../y', 'missing/y'], ['missing/../abs', 'a'], ['missing/x/..', 'missing'],
    ['l0', 'a'], ['l0/b', 'a/b'], ['l39', 'a'], ['m', 'loop'], ['m/b', 'loop'],
  ];
  return { tree: new Map(entries), cases };
}

test('resolves every kind of hostile path inside the root, as runc would', t => {
  const dir = scratch(t);
  const root = join(dir, 'rootfs');
  const outside = join(dir, 'host-dir');
  mkdirSync(outside);
  const { tree, cases } = fixtureTree(outside, 'rootfs');
  materialize(root, tree);
  for (const [path, expected] of cases) {
    t.is(referenceResolve(tree, path), expected, `reference: ${path}`);
    const actual = actualResolve(root, path);
    t.is(actual.relative, expected, path);
    t.true(actual.inside, `${path} left the root or kept a symlink`);
  }
  t.deepEqual(readdirSync(outside), []);
});

test('a chain of 40 symlinks resolves; the 41st is refused, in one sentence', t => {
  const dir = scratch(t);
  const root = join(dir, 'rootfs');
  materialize(root, fixtureTree(join(dir, 'host-dir'), 'rootfs').tree);
  t.is(resolveInRoot(root, 'l0/b'), `${root}/a/b`);
  const error = t.throws(() => resolveInRoot(root, 'm'), { instanceOf: HardrunError });
  t.is(error.message, "too many symlinks resolving m in the container's root filesystem");
});

test('the kernel (openat2 with RESOLVE_IN_ROOT) agrees wherever the whole path exists, and refuses the same loops', async t => {
  const dir = scratch(t);
  const root = join(dir, 'rootfs');
  const outside = join(dir, 'host-dir');
  mkdirSync(outside);
  const { tree, cases } = fixtureTree(outside, 'rootfs');
  materialize(root, tree);
  const paths = cases.map(([path]) => path);
  const [answers = []] = await kernelResolve([{ root, paths }]);
  let agreed = 0;
  paths.forEach((path, index) => {
    const kernel = answers[index];
    const ours = actualResolve(root, path).relative;
    if (kernel === undefined) {
      t.fail(`no kernel answer for ${path}`);
    } else if ('path' in kernel) {
      t.is(within(root, ours), kernel.path, path);
      agreed += 1;
    } else if (kernel.error === 'ELOOP') {
      t.is(ours, 'loop', `${path}: the kernel refuses it as a loop`);
    }
  });
  t.true(agreed >= 25, `only ${agreed} paths exist in full`);
});

const names = fc.constantFrom('a', 'b', 'c');
const parts = fc.constantFrom('a', 'b', 'c', 'x', '..', '.', '');
const pathText = fc.tuple(fc.boolean(), fc.array(parts, { maxLength: 6 }), fc.boolean())
  .map(([absolute, items, trailing]) => `${absolute ? '/' : ''}${items.join('/')}${trailing ? '/' : ''}`);
const node: fc.Arbitrary<Node> = fc.oneof(
  { arbitrary: fc.constant<Node>({ kind: 'dir' }), weight: 2 },
  fc.constant<Node>({ kind: 'file' }),
  { arbitrary: pathText.map((target): Node => ({ kind: 'link', target: target === '' ? '.' : target })), weight: 2 },
);
/** Random trees of a few entries: missing parents become directories; an entry under a file or a link is left out. */
const treeArbitrary: fc.Arbitrary<Tree> = fc.array(fc.tuple(fc.array(names, { minLength: 1, maxLength: 3 }), node), { minLength: 2, maxLength: 14 })
  .map(entries => {
    const tree = new Map<string, Node>();
    for (const [path, entry] of entries) {
      const parents = path.slice(0, -1).map((_name, index) => path.slice(0, index + 1).join('/'));
      if (parents.some(parent => (tree.get(parent)?.kind ?? 'dir') !== 'dir')) continue;
      for (const parent of parents) if (!tree.has(parent)) tree.set(parent, { kind: 'dir' });
      if (!tree.has(path.join('/'))) tree.set(path.join('/'), entry);
    }
    return tree;
  });
/** A tree and paths to resolve in it: random ones, and each entry of the tree with a random tail. */
const caseArbitrary: fc.Arbitrary<readonly [Tree, readonly string[]]> = fc.tuple(treeArbitrary, fc.array(pathText, { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom('', '/a', '/..', '/b/c', '/'), { minLength: 14, maxLength: 14 }))
  .map(([tree, paths, tails]) => [tree, [...paths, ...[...tree.keys()].map((key, index) => `${key}${tails[index] ?? ''}`)]]);

test('on random trees, resolves as the reference does, and never outside the root', t => {
  const dir = scratch(t);
  let run = 0;
  fc.assert(fc.property(caseArbitrary, ([tree, paths]) => {
    const root = join(dir, `r${run += 1}`);
    try {
      materialize(root, tree);
      for (const path of paths) {
        const actual = actualResolve(root, path);
        if (!actual.inside) return false;
        if (actual.relative !== referenceResolve(tree, path)) return false;
      }
      return true;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }), { numRuns: 400 });
  t.pass();
});

test('on random trees, the kernel agrees wherever it can open the path', async t => {
  const dir = scratch(t);
  const samples = fc.sample(caseArbitrary, { numRuns: 300, seed: 2112 });
  const jobs = samples.map(([tree, paths], index) => {
    const root = join(dir, `r${index}`);
    materialize(root, tree);
    return { root, paths };
  });
  const answers = await kernelResolve(jobs);
  let opened = 0;
  let loops = 0;
  jobs.forEach(({ root, paths }, job) => {
    paths.forEach((path, index) => {
      const kernel = answers[job]?.[index];
      const ours = actualResolve(root, path).relative;
      if (kernel !== undefined && 'path' in kernel) {
        opened += 1;
        t.is(within(root, ours), kernel.path, `${root}: ${path}`);
      } else if (kernel?.error === 'ELOOP') {
        loops += 1;
        t.is(ours, 'loop', `${root}: ${path}`);
      }
    });
  });
  t.true(opened > 200 && loops > 0, `${opened} paths opened, ${loops} loops: the samples test too little`);
});

test('createMountpoint creates what is missing inside the root, through symlinks to host paths, and touches nothing outside', t => {
  const dir = scratch(t);
  const root = join(dir, 'rootfs');
  const outside = join(dir, 'host-dir');
  mkdirSync(outside);
  materialize(root, fixtureTree(outside, 'rootfs').tree);
  createMountpoint(root, '/outside/new/dir', 'dir');
  t.true(lstatSync(`${root}${outside}/new/dir`).isDirectory());
  createMountpoint(root, '/abs/b/conf', 'file');
  t.true(lstatSync(`${root}/a/b/conf`).isFile());
  createMountpoint(root, '/run/etc/hosts', 'file');
  t.true(lstatSync(`${root}/proc/1/root/etc/hosts`).isFile());
  writeFileSync(`${root}/a/kept`, 'content');
  createMountpoint(root, '/a/kept', 'file');
  t.is(readFileSync(`${root}/a/kept`, 'utf8'), 'content');
  createMountpoint(root, '/', 'dir');
  createMountpoint(root, '/up', 'dir');
  t.deepEqual(readdirSync(outside), []);
  t.is(basename(root), 'rootfs');
});

test('createMountpoint refuses a path through a file or a loop with one sentence, not a bare errno', t => {
  const dir = scratch(t);
  const root = join(dir, 'rootfs');
  materialize(root, fixtureTree(join(dir, 'host-dir'), 'rootfs').tree);
  const throughFile = t.throws(() => createMountpoint(root, '/file/x', 'dir'), { instanceOf: HardrunError });
  t.regex(throughFile.message, /^cannot create the mountpoint \/file\/x in the container's root filesystem: /);
  t.throws(() => createMountpoint(root, '/loop1/x', 'dir'), { instanceOf: HardrunError, message: /too many symlinks/ });
});
