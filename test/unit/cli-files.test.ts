import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { collectFiles } from '../../server/src/project/files';
import { makeTree } from './cli-helpers';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function rel(root: string, files: string[]): string[] {
  return files.map((f) => relative(root, f).split('\\').join('/'));
}

test('Foundry lib/ is skipped at the scan root and next to foundry.toml, not elsewhere', () => {
  const root = makeTree({
    'lib/forge-std/Test.sol': '',
    'packages/core/foundry.toml': '',
    'packages/core/lib/solady/Lib.sol': '',
    'packages/core/src/Core.sol': '',
    'packages/app/lib/Own.sol': '',
    'src/A.sol': '',
  });
  dirs.push(root);
  assert.deepEqual(rel(root, collectFiles(['.'], { cwd: root }).files), ['packages/app/lib/Own.sol', 'packages/core/src/Core.sol', 'src/A.sol']);
});

test('.gitignore files apply from the repository top, each relative to its folder; negations work', () => {
  const root = makeTree({
    '.gitignore': 'generated/\n*.gen.sol\n!keep.gen.sol\n',
    'contracts/.gitignore': '/local/\n',
    'contracts/local/L.sol': '',
    'contracts/x/local/K.sol': '',
    'contracts/A.gen.sol': '',
    'contracts/keep.gen.sol': '',
    'generated/G.sol': '',
    'contracts/A.sol': '',
  });
  dirs.push(root);
  mkdirSync(join(root, '.git'));
  // Scanning a sub-folder still honours the repository's top .gitignore.
  assert.deepEqual(rel(root, collectFiles(['contracts'], { cwd: root }).files), ['contracts/A.sol', 'contracts/keep.gen.sol', 'contracts/x/local/K.sol']);
  // A folder named explicitly is scanned even though the top .gitignore ignores it.
  assert.deepEqual(rel(root, collectFiles(['generated'], { cwd: root }).files), ['generated/G.sol']);
});

test('missing paths are reported, explicit files always kept, duplicates removed', () => {
  const root = makeTree({ 'a/A.sol': '', 'a/B.txt': '' });
  dirs.push(root);
  writeFileSync(join(root, '.gitignore'), 'a/\n');
  const r = collectFiles(['a/A.sol', 'a/B.txt', 'nope', 'a/A.sol'], { cwd: root, gitignore: true });
  assert.deepEqual(rel(root, r.files), ['a/A.sol', 'a/B.txt']);
  assert.deepEqual(r.missing, ['nope']);
});
