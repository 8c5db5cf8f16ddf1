// `hindsight scan --fix`, `--fix-dry-run` and SARIF `fixes`, through the real CLI on temporary copies: the three
// give the same edits, --fix applies safe fixes only unless --fix-kind review, and files are written whole.
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { applyPatch } from 'diff';
import type * as Sarif from 'sarif';
import { removeBundle, runCli } from './cli-helpers';
import { temporaryTrees } from './tree-helpers';

/** Four safe fixes (now, sha3, throw, suicide: HS-DEPR-001/002/006/003) and one review fix (tx.origin: HS-ACCESS-001). */
const OLD = [
  'pragma solidity ^0.4.24;',
  '',
  'contract Old {',
  '    address public owner;',
  '    uint256 public last;',
  '',
  '    function stamp() public {',
  '        last = now;',
  '        bytes32 h = sha3(msg.sender);',
  '        if (h == 0) throw;',
  '    }',
  '',
  '    function kill() public {',
  '        require(tx.origin == owner);',
  '        suicide(owner);',
  '    }',
  '}',
  '',
].join('\n');

const SAFE_FIXED = OLD.replace('= now;', '= block.timestamp;')
  .replace('sha3(', 'keccak256(')
  .replace('throw;', 'revert();')
  .replace('suicide(', 'selfdestruct(');
const ALL_FIXED = SAFE_FIXED.replace('tx.origin == owner', 'msg.sender == owner');

/** No finding with a fix. */
const CLEAN = 'pragma solidity ^0.8.20;\ncontract Clean {\n    uint256 public x;\n    function set(uint256 v) external { x = v; }\n}\n';

const tree = temporaryTrees();
after(removeBundle);

describe('hindsight scan --fix-dry-run', { concurrency: 2 }, () => {
  test('prints a unified diff of the safe fixes, writes nothing and exits 1', async () => {
    const dir = tree({ 'contracts/Old.sol': OLD, 'contracts/Clean.sol': CLEAN });
    const r = await runCli(['scan', '--fix-dry-run'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^--- a\/contracts\/Old\.sol\n\+\+\+ b\/contracts\/Old\.sol\n@@ /);
    assert.doesNotMatch(r.stdout, /Clean\.sol/);
    assert.match(r.stdout, /^-\s+last = now;$/m);
    assert.match(r.stdout, /^\+\s+last = block\.timestamp;$/m);
    assert.match(r.stdout, /^ \s+require\(tx\.origin == owner\);$/m, 'the review fix is left out');
    assert.equal(applyPatch(OLD, r.stdout.replace(/^--- a\//m, '--- ').replace(/^\+\+\+ b\//m, '+++ ')), SAFE_FIXED);
    assert.equal(readFileSync(join(dir, 'contracts/Old.sol'), 'utf8'), OLD);
    assert.match(r.stderr, /4 safe fixes would change 1 file/);
  });

  test('--fix-kind review includes the fixes that change behaviour', async () => {
    const dir = tree({ 'Old.sol': OLD });
    const r = await runCli(['scan', 'Old.sol', '--fix-dry-run', '--fix-kind', 'review'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(applyPatch(OLD, r.stdout), ALL_FIXED);
  });

  test('exits 0 with no output when nothing would change', async () => {
    const dir = tree({ 'Clean.sol': CLEAN, 'Fixed.sol': SAFE_FIXED });
    const r = await runCli(['scan', '--fix-dry-run'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  test('fixes only what is reported: --min-severity high leaves the info findings alone', async () => {
    const dir = tree({ 'Old.sol': OLD });
    const r = await runCli(['scan', '--fix-dry-run', '--min-severity', 'high'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  test('works on standard input, reported at --stdin-filename', async () => {
    const dir = tree({});
    const r = await runCli(['scan', '-', '--stdin-filename', 'src/Old.sol', '--fix-dry-run'], { cwd: dir, input: OLD });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^--- a\/src\/Old\.sol$/m);
    assert.equal(applyPatch(OLD, r.stdout), SAFE_FIXED);
  });

  test('-o writes the diff to a file', async () => {
    const dir = tree({ 'Old.sol': OLD });
    const r = await runCli(['scan', '--fix-dry-run', '-o', 'fix.diff'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(applyPatch(OLD, readFileSync(join(dir, 'fix.diff'), 'utf8')), SAFE_FIXED);
  });
});

describe('hindsight scan --fix', { concurrency: 2 }, () => {
  test('applies the safe fixes in place, keeps the file mode, leaves no temp file, reports what is left', async () => {
    const dir = tree({ 'contracts/Old.sol': OLD, 'contracts/Clean.sol': CLEAN });
    const file = join(dir, 'contracts/Old.sol');
    chmodSync(file, 0o640);
    const r = await runCli(['scan', '--fix', '--format', 'compact'], { cwd: dir });
    assert.equal(readFileSync(file, 'utf8'), SAFE_FIXED);
    assert.equal(readFileSync(join(dir, 'contracts/Clean.sol'), 'utf8'), CLEAN);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(join(dir, 'contracts')).sort(), ['Clean.sol', 'Old.sol']);
    assert.match(r.stderr, /applied 4 safe fixes in 1 file/);
    // The report is of the fixed file: the deprecated forms are gone, the tx.origin check (a review fix) stays.
    assert.doesNotMatch(r.stdout, /HS-DEPR-/);
    assert.match(r.stdout, /contracts\/Old\.sol:14:\d+\s+high\s+HS-ACCESS-001/);
    assert.equal(r.code, 1, 'a high finding is left');
    const again = await runCli(['scan', '--fix-dry-run'], { cwd: dir });
    assert.equal(again.code, 0, 'a second run has nothing to fix');
  });

  test('--fix-kind review applies the review fixes too', async () => {
    const dir = tree({ 'Old.sol': OLD });
    const r = await runCli(['scan', '--fix', '--fix-kind', 'review', '--format', 'compact'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'Old.sol'), 'utf8'), ALL_FIXED);
    assert.match(r.stderr, /applied 5 fixes in 1 file/);
    assert.doesNotMatch(r.stdout, /HS-ACCESS-001|HS-DEPR-/);
  });

  test('usage errors exit 2', async () => {
    const dir = tree({ 'Old.sol': OLD });
    for (const args of [
      ['--fix', '--fix-dry-run'],
      ['--fix-kind', 'review'],
      ['--fix', '--fix-kind', 'all'],
    ]) {
      const r = await runCli(['scan', ...args], { cwd: dir });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /--fix/);
    }
    const stdin = await runCli(['scan', '-', '--fix'], { cwd: dir, input: OLD });
    assert.equal(stdin.code, 2);
    assert.match(stdin.stderr, /cannot fix standard input/);
    assert.equal(readFileSync(join(dir, 'Old.sol'), 'utf8'), OLD);
  });
});

describe('SARIF fixes', () => {
  test('carry the same edits as --fix, with their kind', async () => {
    const dir = tree({ 'Old.sol': OLD });
    const r = await runCli(['scan', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(r.stdout) as Sarif.Log;
    const fixes = log.runs[0].results!.flatMap((x) => x.fixes ?? []);
    assert.deepEqual(fixes.map((f) => f.properties?.kind).sort(), ['review', 'safe', 'safe', 'safe', 'safe']);
    const apply = (kinds: string[]) =>
      applyReplacements(
        OLD,
        fixes.filter((f) => kinds.includes(f.properties?.kind as string)).flatMap((f) => f.artifactChanges[0].replacements),
      );
    assert.equal(apply(['safe']), SAFE_FIXED);
    assert.equal(apply(['safe', 'review']), ALL_FIXED);
  });
});

/** Applies SARIF replacements (1-based lines and UTF-16 columns) to a text, from the end. */
function applyReplacements(text: string, replacements: Sarif.Replacement[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (line: number, column: number) => starts[line - 1] + column - 1;
  const spans = replacements.map((r) => {
    const d = r.deletedRegion;
    return { start: offset(d.startLine!, d.startColumn!), end: offset(d.endLine!, d.endColumn!), text: r.insertedContent?.text ?? '' };
  });
  let out = text;
  for (const s of spans.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
