import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listTree, locateRepo, readBlobs, resolveCommit } from '../../server/src/audit/git';

function repo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-git-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.com');
  fs.mkdirSync(path.join(dir, 'pkg', 'contracts'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'pkg', 'contracts', 'A.sol'), 'contract A { string s = "é ✓"; }\n');
  fs.writeFileSync(path.join(dir, 'pkg', 'contracts', 'B.sol'), 'contract B {}\n');
  fs.symlinkSync('A.sol', path.join(dir, 'pkg', 'contracts', 'Link.sol'));
  git('add', '.');
  git('commit', '-q', '-m', 'one');
  git('tag', 'v1');
  fs.writeFileSync(path.join(dir, 'pkg', 'contracts', 'A.sol'), 'contract A2 {}\n');
  git('commit', '-q', '-am', 'two');
  // an uncommitted edit that must be neither read nor disturbed
  fs.writeFileSync(path.join(dir, 'pkg', 'contracts', 'B.sol'), 'contract Dirty {}\n');
  return dir;
}

test('reads files at a tag from git objects, leaving the working tree as it was', async () => {
  const dir = repo();
  const before = execFileSync('git', ['status', '--porcelain'], { cwd: dir }).toString();
  const cwd = path.join(dir, 'pkg');
  assert.deepEqual(await locateRepo(cwd), { top: fs.realpathSync(dir), prefix: 'pkg/' });
  const commit = await resolveCommit(cwd, 'refs/tags/v1');
  assert.match(commit, /^[0-9a-f]{40}$/);
  const tree = await listTree(cwd, commit);
  assert.deepEqual(
    tree.map((f) => f.path),
    ['pkg/contracts/A.sol', 'pkg/contracts/B.sol'],
    'symlinks are skipped',
  );
  const blobs = await readBlobs(
    cwd,
    tree.map((f) => f.blob),
  );
  assert.deepEqual(
    tree.map((f) => blobs.get(f.blob)),
    ['contract A { string s = "é ✓"; }\n', 'contract B {}\n'],
  );
  assert.equal(execFileSync('git', ['status', '--porcelain'], { cwd: dir }).toString(), before);
  assert.equal(fs.readFileSync(path.join(dir, 'pkg', 'contracts', 'B.sol'), 'utf8'), 'contract Dirty {}\n');
});

test('unknown and option-like revisions are clear errors', async () => {
  const dir = repo();
  await assert.rejects(resolveCommit(dir, 'refs/tags/v9'), /"refs\/tags\/v9" is not a commit or tag in this clone/);
  await assert.rejects(resolveCommit(dir, '--output=/tmp/x'), /is not a git revision/);
  await assert.rejects(locateRepo(os.tmpdir()), /is not inside a git repository/);
});
