// Record finding from selection, end to end: generalise the selected code, count matches, save into the
// workspace pack, and check the saved finding is active, passes its own test, and stays off unrelated code.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Range } from '../../server/src/engine';
import { LineIndex } from '../../server/src/engine/positions';
import {
  appendFindingToPack,
  countMatches,
  generalizeSelection,
  LOCAL_PACK_DIR,
  nextFindingId,
  recordedFinding,
  type GeneralizedPattern,
} from '../../server/src/packs/generalize';
import { loadPack } from '../../server/src/packs/load';
import { runPackTests } from '../../server/src/packs/pack-test';
import { resolvePackSources } from '../../server/src/packs/sources';
import { FIXTURES, tempDir, write } from './team-helpers';

const VAULT = fs.readFileSync(path.join(FIXTURES, 'record', 'Vault.sol'), 'utf8');
const OTHER = fs.readFileSync(path.join(FIXTURES, 'record', 'Other.sol'), 'utf8');

/** The range from the start of `from` to the end of `to` (both first occurrences after `after`). */
function select(text: string, from: string, to = from, after = ''): Range {
  const lines = new LineIndex(text);
  const base = after ? text.indexOf(after) : 0;
  const s = text.indexOf(from, base);
  const e = text.indexOf(to, s) + to.length;
  assert.ok(s >= 0 && e >= s, `selection ${from}..${to} not found`);
  return lines.range(s, e);
}

function generalize(text: string, range: Range): GeneralizedPattern {
  const r = generalizeSelection(text, range);
  assert.ok(!('error' in r), 'error' in r ? r.error : '');
  return r as GeneralizedPattern;
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

const REENTRANCY = select(VAULT, '(bool ok, )', 'balances[msg.sender] -= amount;');

test('statements: identifiers become metavariables, members, globals and calls stay; repeated names share one', () => {
  const g = generalize(VAULT, REENTRANCY);
  assert.equal(g.kind, 'statements');
  assert.equal(g.pattern, ['(bool $OK, ) = msg.sender.call{value: $AMOUNT}("");', 'require($OK);', '$BALANCES[msg.sender] -= $AMOUNT;'].join('\n'));
  assert.deepEqual(
    g.metavariables.map((m) => [m.name, m.text, m.occurrences]),
    [
      ['$OK', 'ok', 2],
      ['$AMOUNT', 'amount', 2],
      ['$BALANCES', 'balances', 1],
    ],
  );
  assert.ok(g.kept.includes('call') && g.kept.includes('msg') && g.kept.includes('require'));
  assert.deepEqual([g.contract, g.function], ['Vault', 'withdraw']);
  assert.equal(g.range.start.line, lineOf(VAULT, '(bool ok, )'));
  assert.match(g.exact, /^\(bool ok, \) = msg\.sender\.call\{value: amount\}\(""\);\nrequire\(ok\);/);
});

test('the proposed pattern matches the selection and the same bug elsewhere, not the safe or unrelated code', () => {
  const g = generalize(VAULT, REENTRANCY);
  const count = countMatches(g.pattern, [
    { file: 'Vault.sol', text: VAULT },
    { file: 'Other.sol', text: OTHER },
  ]);
  assert.equal(count.error, undefined);
  assert.equal(count.total, 2);
  assert.deepEqual(
    count.files.map((f) => [f.file, f.ranges.map((r) => r.start.line)]),
    [
      ['Vault.sol', [lineOf(VAULT, '(bool ok, )')]],
      ['Other.sol', [lineOf(OTHER, '(bool done, )')]],
    ],
  );
  // withdrawSafe updates the balance first; sweep and add are unrelated.
  const safeLine = lineOf(VAULT, '(bool sent, )');
  assert.ok(count.files.every((f) => f.ranges.every((r) => r.start.line !== safeLine)));
});

test('files are read from disk too; an unreadable one is listed, a broken pattern is an error with an offset', () => {
  const c = countMatches('$T.transfer($TO, $_);', [path.join(FIXTURES, 'record', 'Vault.sol'), '/nonexistent/X.sol']);
  assert.equal(c.total, 1);
  assert.deepEqual(c.unreadable, ['/nonexistent/X.sol']);
  const bad = countMatches('$A.call{value: }(', []);
  assert.ok(bad.error);
  assert.equal(bad.total, 0);
});

test('expression selections stay expressions; a callee name or a selection without `;` widens sensibly', () => {
  const expr = generalize(VAULT, select(VAULT, 'msg.sender.call{value: amount}("")'));
  assert.deepEqual([expr.kind, expr.pattern], ['expression', 'msg.sender.call{value: $AMOUNT}("")']);

  const callee = generalize(VAULT, select(VAULT, 'transfer'));
  assert.deepEqual([callee.kind, callee.pattern], ['statements', '$TOKEN.transfer($TO, $TOKEN.balanceOf(address(this)));']);

  const noSemicolon = generalize(VAULT, select(VAULT, 'balances[msg.sender] = 0'));
  assert.equal(noSemicolon.kind, 'statements');
  assert.equal(noSemicolon.pattern, 'balances[msg.sender] = 0;', 'no strong anchor: the state variable and 0 are kept');
});

test('the cursor alone picks the statement under it; a require message becomes `...`', () => {
  const at = select(VAULT, 'require(balances[msg.sender] >= amount');
  const cursor = { start: at.start, end: at.start };
  const g = generalize(VAULT, cursor);
  assert.equal(g.pattern, 'require(balances[msg.sender] >= $AMOUNT, ...);', 'only weak anchors: the state variable stays');
});

test('a whole function becomes a member pattern keeping its name and modifiers', () => {
  const g = generalize(VAULT, select(VAULT, 'function sweep', 'balanceOf(address(this)));\n    }'));
  assert.equal(g.kind, 'member');
  assert.equal(g.pattern, ['function sweep(address $TO) external onlyOwner {', '    $TOKEN.transfer($TO, $TOKEN.balanceOf(address(this)));', '}'].join('\n'));
  assert.equal(countMatches(g.pattern, [{ file: 'Vault.sol', text: VAULT }]).total, 1);
});

test('selections that cannot become a pattern say what to select', () => {
  const r = generalizeSelection(VAULT, select(VAULT, 'pragma solidity'));
  assert.ok('error' in r);
  assert.match((r as { error: string }).error, /Select code inside a contract/);
  const both = generalizeSelection(VAULT, select(VAULT, 'mapping(address', 'IERC20 public token;'));
  assert.ok('error' in both);
});

test('distinct names that map to the same metavariable get distinct ones', () => {
  const src = 'contract C { function f(uint amount, uint _amount) external { pool.deposit(amount, _amount); } }';
  const g = generalize(src, select(src, 'pool.deposit'));
  assert.equal(g.pattern, '$POOL.deposit($AMOUNT, $AMOUNT2);');
});

test('record end to end: written into .hindsight/packs/local, active at once, its test passes', async () => {
  const ws = tempDir('hindsight-ws-');
  const file = write(path.join(ws, 'src', 'Vault.sol'), VAULT);
  write(path.join(ws, 'src', 'Other.sol'), OTHER);
  const packFile = path.join(ws, LOCAL_PACK_DIR, 'pack.yaml');
  const g = generalize(VAULT, REENTRANCY);
  const id = nextFindingId(packFile, 'VAULT');
  assert.equal(id, 'VAULT-001');
  const finding = recordedFinding({
    id,
    title: 'ETH sent before the balance is booked',
    severity: 'high',
    description: 'The caller can re-enter withdraw before its balance is reduced.',
    recommendation: 'Update the balance before the call, or use nonReentrant.',
    pattern: g.pattern,
    reference: { url: 'https://github.com/acme/audits/issues/12', title: 'Audit 2024-03, H-2' },
  });
  const res = appendFindingToPack(packFile, finding, { source: VAULT, range: g.range });
  assert.equal(res.selectionMatched, true);
  assert.equal(res.testFile, path.join(ws, LOCAL_PACK_DIR, 'tests', 'VAULT-001.sol'));
  assert.equal(res.version, '0.1.0');

  const pack = loadPack(packFile);
  assert.deepEqual(pack.problems, []);
  assert.equal(pack.info.name, 'local');
  assert.deepEqual(
    pack.findings.map((f) => [f.id, f.severity, f.match]),
    [['VAULT-001', 'high', { pattern: g.pattern }]],
  );

  const testText = fs.readFileSync(res.testFile, 'utf8');
  assert.match(testText, /pragma solidity \^0\.8\.20;/);
  assert.match(testText, /contract Vault is Ownable \{/);
  assert.match(testText, / {8}\/\/ expect: VAULT-001\n {8}\(bool ok, \) = msg\.sender\.call/);
  const report = runPackTests(pack);
  assert.deepEqual(
    report.results.map((r) => [r.id, r.passed, r.failures]),
    [['VAULT-001', true, []]],
  );

  // Active at once: the next resolve (what the server does on a pack file change) runs it on the workspace.
  const resolved = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false });
  assert.deepEqual(
    resolved.sources.map((s) => [s.kind, s.pack?.name, s.status]),
    [['workspace', 'local', 'loaded']],
  );
  const counts = countMatches(g.pattern, [file, path.join(ws, 'src', 'Other.sol')]);
  assert.equal(counts.total, 2);

  // A second recording bumps the version and gets the next id.
  assert.equal(nextFindingId(packFile), 'VAULT-002');
  const g2 = generalize(VAULT, select(VAULT, 'token.transfer'));
  const res2 = appendFindingToPack(
    packFile,
    recordedFinding({
      id: 'VAULT-002',
      title: 'Unchecked transfer',
      severity: 'medium',
      description: 'd',
      recommendation: 'r',
      pattern: g2.pattern,
      reference: { url: 'https://example.com/x' },
    }),
    { source: VAULT, range: g2.range },
  );
  assert.equal(res2.version, '0.2.0');
  const again = loadPack(packFile);
  assert.deepEqual(again.problems, []);
  assert.deepEqual(
    again.findings.map((f) => f.id),
    ['VAULT-001', 'VAULT-002'],
  );
  assert.deepEqual(
    runPackTests(again).results.map((r) => r.passed),
    [true, true],
  );
  assert.throws(() => appendFindingToPack(packFile, finding, { source: VAULT, range: g.range }), /VAULT-001 already exists/);
});

test('appending keeps the comments and layout of an existing pack and adds a changelog entry', () => {
  const dir = tempDir();
  const packFile = write(
    path.join(dir, 'pack.yaml'),
    [
      '# Team lessons — reviewed every sprint',
      'name: team-lessons',
      'version: 1.2.0',
      'description: What our audits taught us.',
      'changelog:',
      '  - version: 1.2.0',
      '    added: [TEAM-001]',
      'findings:',
      '  # Oldest first',
      '  - id: TEAM-001',
      '    title: Unchecked transfer   # from the 2023 audit',
      '    severity: medium',
      '    confidence: high',
      '    category: tokens',
      '    description: d',
      '    recommendation: r',
      '    references:',
      '      - title: t',
      '        url: https://example.com',
      '    match:',
      '      pattern: $T.transfer($A, $B);',
      '',
    ].join('\n'),
  );
  write(
    path.join(dir, 'tests', 'TEAM-001.sol'),
    'contract A { function f() public {\n// expect: TEAM-001\nt.transfer(a, b);\n// ok: TEAM-001\nt.safeTransfer(a, b);\n} }\n',
  );
  const g = generalize(VAULT, REENTRANCY);
  const finding = recordedFinding({
    id: nextFindingId(packFile),
    title: 'Pay before booking',
    severity: 'high',
    description: 'Multi-line\ndescription.',
    recommendation: 'Book first.',
    pattern: g.pattern,
    reference: { url: 'https://example.com/audit' },
  });
  assert.equal(finding.id, 'TEAM-002');
  const res = appendFindingToPack(packFile, finding, { source: VAULT, range: g.range });
  assert.equal(res.version, '1.3.0');
  const text = fs.readFileSync(packFile, 'utf8');
  for (const comment of ['# Team lessons — reviewed every sprint', '  # Oldest first', '# from the 2023 audit']) assert.ok(text.includes(comment), comment);
  assert.match(text, /changelog:\n {2}- version: 1\.3\.0\n {4}added:\n {6}- TEAM-002\n {2}- version: 1\.2\.0/);
  const pack = loadPack(packFile);
  assert.deepEqual(pack.problems, []);
  assert.deepEqual(
    pack.findings.map((f) => f.id),
    ['TEAM-001', 'TEAM-002'],
  );
  assert.equal(pack.findings[1].description, 'Multi-line\ndescription.');
  assert.deepEqual(
    runPackTests(pack).results.map((r) => [r.id, r.passed]),
    [
      ['TEAM-001', true],
      ['TEAM-002', true],
    ],
  );
  assert.deepEqual(fs.readdirSync(dir).sort(), ['pack.yaml', 'tests']);
});

test('other matches inside the recorded function are annotated too; without a near miss there is no ok case', () => {
  const src = [
    'pragma solidity ^0.8.0;',
    'contract C {',
    '    function f() external {',
    '        a.transfer(b, c);',
    '        d.transfer(e, f2);',
    '    }',
    '}',
  ].join('\n');
  const dir = tempDir();
  const g = generalize(src, select(src, 'a.transfer(b, c);'));
  assert.equal(g.pattern, '$A.transfer($B, $C);');
  const res = appendFindingToPack(
    path.join(dir, 'pack.yaml'),
    recordedFinding({
      id: 'LOCAL-001',
      title: 't',
      severity: 'low',
      description: 'd',
      recommendation: 'r',
      pattern: g.pattern,
      reference: { url: 'https://e.com' },
    }),
    { source: src, range: g.range },
  );
  const text = fs.readFileSync(res.testFile, 'utf8');
  assert.equal(text.match(/\/\/ expect: LOCAL-001/g)!.length, 2);
  assert.equal(res.hasOkCase, false);
  const result = runPackTests(loadPack(dir)).results[0];
  assert.deepEqual(result.expectLines.length, 2);
  assert.match(result.failures.map((f) => f.message).join('\n'), /no "\/\/ ok: LOCAL-001" case/);
});

test('the ok case is the most similar function the finding does not report', () => {
  const dir = tempDir();
  const g = generalize(VAULT, REENTRANCY);
  const res = appendFindingToPack(
    path.join(dir, 'pack.yaml'),
    recordedFinding({
      id: 'LOCAL-001',
      title: 't',
      severity: 'high',
      description: 'd',
      recommendation: 'r',
      pattern: g.pattern,
      reference: { url: 'https://e.com' },
    }),
    { source: VAULT, range: g.range },
  );
  assert.equal(res.hasOkCase, true);
  const text = fs.readFileSync(res.testFile, 'utf8');
  assert.match(
    text,
    /function withdrawSafe\(uint256 value\) external nonReentrant \{\n {8}balances\[msg\.sender\] -= value;\n {8}\/\/ ok: LOCAL-001\n {8}\(bool sent, \) = msg\.sender\.call/,
  );
  assert.equal(text.match(/contract Vault is Ownable \{/g)!.length, 1, 'both cases share the contract');
});
