// Matching unit by unit with a memory (what the language server does for open documents) must give exactly
// what a whole-file scan gives, on every text an editor can hold: real audited code, the built-in pack's own
// test files (where every finding matches), random edits that break and mend the code. And it must actually
// reuse: a keystroke inside one function matches that unit alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { compileFinding, scanParsed, UnitMemory, type Finding, type ScanResult } from '../../server/src/engine';
import { compiledOf } from '../../server/src/engine/compile';
import { parseSource, type ParsedSource } from '../../server/src/engine/parse';
import { hasWord, indexOf, SHALLOW_TYPES } from '../../server/src/engine/scan-index';
import { isLocal } from '../../server/src/engine/scan-locality';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { finding, PACK } from './engine-helpers';

const require_ = createRequire(__filename);
const pkgDir = (name: string) => dirname(require_.resolve(`${name}/package.json`));
const OZ = pkgDir('@openzeppelin/contracts');
const OZU = pkgDir('@openzeppelin/contracts-upgradeable');
const PACK_TESTS = join(__dirname, '../../server/packs/hindsight-core/tests');
const FINDINGS: Finding[] = loadBuiltinPacks().flatMap((p) => p.findings);

const FILES = [
  join(OZ, 'utils/Packing.sol'),
  join(OZ, 'token/ERC20/ERC20.sol'),
  join(OZ, 'governance/Governor.sol'),
  join(OZU, 'token/ERC20/ERC20Upgradeable.sol'),
  join(OZU, 'proxy/utils/UUPSUpgradeable.sol'),
  join(pkgDir('@uniswap/v3-core'), 'contracts/libraries/Oracle.sol'),
  join(pkgDir('@aave/core-v3'), 'contracts/protocol/pool/Pool.sol'),
  join(pkgDir('solmate'), 'src/tokens/ERC4626.sol'),
  ...readdirSync(PACK_TESTS)
    .filter((f) => f.endsWith('.sol') && !f.endsWith('.fixed.sol'))
    .map((f) => join(PACK_TESTS, f)),
];

function scanBoth(parsed: ParsedSource, memory: UnitMemory, findings = FINDINGS): { whole: ScanResult; units: ScanResult } {
  return { whole: scanParsed(parsed, findings), units: scanParsed(parsed, findings, { memory }) };
}

test('unit-by-unit equals a whole-file scan on real code and every pack test file', () => {
  let occurrences = 0;
  for (const file of FILES) {
    const { whole, units } = scanBoth(parseSource(readFileSync(file, 'utf8')), new UnitMemory());
    assert.deepEqual(units, whole, file);
    occurrences += whole.occurrences.length;
  }
  assert.ok(occurrences > 150, `the files exercise the findings (${occurrences} occurrences)`);
});

test('after random edits (typing, deleting, breaking and mending code) the memory gives the whole-file result', () => {
  const texts = FILES.map((f) => readFileSync(f, 'utf8'));
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat(4),
    insert: fc.constantFrom('', 'x', ' ', ';', '\n', '(', '}', '{', 'uint256 a = b + 1;', 'require(msg.sender == owner);', '/* c */'),
  });
  fc.assert(
    fc.property(fc.nat(texts.length - 1), fc.array(edit, { minLength: 1, maxLength: 8 }), (which, edits) => {
      let text = texts[which];
      let parsed = parseSource(text);
      const memory = new UnitMemory();
      scanParsed(parsed, FINDINGS, { memory });
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        parsed = parseSource(text, parsed);
        const { whole, units } = scanBoth(parsed, memory);
        assert.deepEqual(units, whole);
      }
    }),
    { seed: 20261202, numRuns: 60 },
  );
});

test('a keystroke inside one function matches that unit alone', () => {
  const text = readFileSync(join(OZ, 'utils/Packing.sol'), 'utf8');
  const memory = new UnitMemory();
  let parsed = parseSource(text);
  scanParsed(parsed, FINDINGS, { memory });
  const units = memory.last.matched;
  assert.ok(units > 100 && memory.last.reused === 0, `first scan matches every unit (${units})`);
  const at = text.indexOf('{', text.indexOf('function pack_1_1')) + 1;
  let typed = text;
  for (const [i, ch] of [...'uint256 x = 1;'].entries()) {
    typed = typed.slice(0, at + i) + ch + typed.slice(at + i);
    parsed = parseSource(typed, parsed);
    const { whole, units: byUnit } = scanBoth(parsed, memory);
    assert.deepEqual(byUnit, whole);
    // The edited function is matched again; while it does not parse it is not there to match at all.
    assert.ok(memory.last.matched <= 1, `keystroke ${i}: ${memory.last.matched} units matched`);
    assert.equal(memory.last.matched + memory.last.reused, parsed.recovered ? units - 1 : units);
  }
});

test('spans in the contract header stay right when members before the match change', () => {
  // HS-UPG-002 binds $C and $BASE in the header; the constructor it reports moves when a member above grows.
  const text = readFileSync(join(PACK_TESTS, 'HS-UPG-002.sol'), 'utf8');
  const memory = new UnitMemory();
  let parsed = parseSource(text);
  const first = scanBoth(parsed, memory);
  assert.ok(
    first.whole.occurrences.some((o) => o.findingId === 'HS-UPG-002' && o.bindings.$BASE),
    'the test file has a match binding $BASE',
  );
  const at = text.indexOf('{', text.indexOf('contract ')) + 1;
  const grown = `${text.slice(0, at)}\n    uint256 private added;\n${text.slice(at)}`;
  parsed = parseSource(grown, parsed);
  const { whole, units } = scanBoth(parsed, memory);
  assert.deepEqual(units, whole);
  assert.ok(memory.last.reused > 0, 'the unchanged members were reused');
});

test('a new finding list starts a new memory', () => {
  const text = readFileSync(join(PACK_TESTS, 'HS-UPG-002.sol'), 'utf8');
  const parsed = parseSource(text);
  const memory = new UnitMemory();
  scanParsed(parsed, FINDINGS, { memory });
  const fewer = FINDINGS.filter((f) => f.id !== 'HS-UPG-002');
  const { whole, units } = scanBoth(parsed, memory, fewer);
  assert.deepEqual(units, whole);
  assert.equal(memory.last.reused, 0);
  assert.ok(!units.occurrences.some((o) => o.findingId === 'HS-UPG-002'));
});

test('which findings are local: contract patterns only as a header around a candidate', () => {
  const local = (m: Parameters<typeof finding>[0]) => isLocal(compiledOf(compileFinding(finding(m), PACK)));
  assert.equal(local({ pattern: '$X.call($D)' }), true);
  assert.equal(local({ all: [{ pattern: 'constructor(...) { ... }' }, { inside: { pattern: 'contract $C is ..., $B, ... {}' } }] }), true);
  assert.equal(
    local({ all: [{ pattern: '$X.call($D)' }, { 'not-inside': { any: [{ pattern: 'library SafeCast {}' }, { pattern: 'function $F(...) { ... }' }] } }] }),
    true,
  );
  // A contract pattern with members reads other units; as a candidate, a contract is no unit's own.
  assert.equal(local({ all: [{ pattern: '$X.call($D)' }, { inside: { pattern: 'contract $C { function $F() public { ... } }' } }] }), false);
  assert.equal(local({ pattern: 'contract $C is ..., $B, ... {}' }), false);
  // `not` looks candidates up among the unit's nodes, where no contract is.
  assert.equal(
    local({ all: [{ pattern: '$X.call($D)' }, { inside: { all: [{ pattern: 'contract $C {}' }, { not: { pattern: 'contract $C is Base {}' } }] } }] }),
    false,
  );
  // A semantic filter or `followed-by` depends on other units (modifiers, callees, state): matched over the file.
  assert.equal(local({ all: [{ pattern: '$X.call($D)' }, { where: [{ function: { 'sender-guarded': false } }] }] }), false);
  assert.equal(local({ all: [{ pattern: '$X.call($D)' }, { 'followed-by': { 'state-write': 'any' } }] }), false);
  assert.equal(local({ all: [{ pattern: '$X.call($D)' }, { where: [{ function: { visibility: ['public'] } }] }] }), true);
  const builtIn = FINDINGS.filter((f) => !isLocal(compiledOf(f))).map((f) => f.id);
  const semantic = [
    'HS-ACCESS-002',
    'HS-ACCESS-003',
    'HS-ACCESS-004',
    'HS-ACCESS-006',
    'HS-ACCESS-007',
    'HS-ACCESS-010',
    'HS-ACCESS-011',
    'HS-ACCESS-012',
    'HS-ACCESS-013',
    'HS-ACCESS-014',
    'HS-ACCESS-015',
    'HS-ACCESS-016',
    'HS-ARITH-001',
    'HS-ARITH-002',
    'HS-ARITH-003',
    'HS-ARITH-004',
    'HS-ARITH-005',
    'HS-CALL-001',
    'HS-CALL-002',
    'HS-CALL-003',
    'HS-CALL-004',
    'HS-CALL-005',
    'HS-CALL-006',
    'HS-CODE-003',
    'HS-CODE-004',
    'HS-CODE-005',
    'HS-CODE-006',
    'HS-CODE-007',
    'HS-DOS-001',
    'HS-DOS-002',
    'HS-DOS-003',
    'HS-DOS-004',
    'HS-DOS-005',
    'HS-DOS-006',
    'HS-ETH-002',
    'HS-FLASH-002',
    'HS-FRONT-001',
    'HS-GAS-001',
    'HS-INPUT-001',
    'HS-INPUT-002',
    'HS-INPUT-003',
    'HS-INPUT-004',
    'HS-INPUT-005',
    'HS-LOGIC-001',
    'HS-LOGIC-004',
    'HS-LOGIC-005',
    'HS-HONEY-003',
    'HS-HONEY-004',
    'HS-L2-001',
    'HS-L2-003',
    'HS-MATH-001',
    'HS-MATH-002',
    'HS-ORACLE-001',
    'HS-ORACLE-003',
    'HS-ORACLE-004',
    'HS-ORACLE-005',
    'HS-ORACLE-007',
    'HS-ORACLE-008',
    'HS-ORACLE-011',
    'HS-ORACLE-012',
    'HS-ORACLE-013',
    'HS-RAND-001',
    'HS-RAND-002',
    'HS-RAND-003',
    'HS-REENT-001',
    'HS-REENT-002',
    'HS-REENT-003',
    'HS-REENT-004',
    'HS-REENT-006',
    'HS-REENT-008',
    'HS-SHADOW-001',
    'HS-SHADOW-002',
    'HS-SIG-003',
    'HS-SIG-005',
    'HS-SLIP-001',
    'HS-SLIP-002',
    'HS-STORAGE-001',
    'HS-STORAGE-002',
    'HS-STORAGE-003',
    'HS-STORAGE-004',
    'HS-STORAGE-005',
    'HS-TIME-002',
    'HS-TOKEN-001',
    'HS-VAULT-001',
    'HS-TOKEN-009',
  ];
  // A contract as the candidate (the pragma findings report the contract): no unit's own either.
  const contracts = ['HS-PRAGMA-001', 'HS-PRAGMA-002', 'HS-INHERIT-001', 'HS-PRIVACY-001'];
  // A contract pattern with members around the candidate (a `transient` declaration): it reads other units.
  const members = ['HS-TRANSIENT-001', 'HS-TRANSIENT-002'];
  assert.deepEqual(builtIn.sort(), [...semantic, ...contracts, ...members, 'HS-UPG-001', 'HS-UPG-003', 'HS-UPG-007'].sort());
});

test('definitions listed without walking the tree are exactly those a full walk finds, in its order', () => {
  for (const file of FILES) {
    const parsed = parseSource(readFileSync(file, 'utf8'));
    const index = indexOf(parsed);
    const deep = index.deep();
    for (const type of SHALLOW_TYPES) assert.deepEqual(index.shallow.byType.get(type) ?? [], deep.byType.get(type) ?? [], `${file}: ${type}`);
    const types = [...deep.byType.keys()].filter((t) => !SHALLOW_TYPES.has(t));
    assert.deepEqual(
      [...index.shallow.byType.keys()].filter((t) => !SHALLOW_TYPES.has(t)),
      [],
      `${file}: only definitions are listed (${types.length} other types)`,
    );
  }
});

test('a word searched for in the text is found exactly when the collected words hold it', () => {
  const index = (text: string) => ({ ...indexOf(parseSource('')), wordText: () => text, words: undefined, lookups: 0 });
  const chars = fc.constantFrom('a', 'b', 'c', '1', '_', '$', ' ', '.', '(');
  fc.assert(
    fc.property(fc.array(chars, { maxLength: 40 }), fc.array(fc.constantFrom('a', 'b', 'c', '1', '_'), { minLength: 1, maxLength: 3 }), (t, w) => {
      const text = t.join('');
      const word = /^[0-9]/.test(w.join('')) ? `a${w.join('')}` : w.join('');
      const collected = new Set(text.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []);
      assert.equal(hasWord(index(text), word), collected.has(word), `${JSON.stringify(word)} in ${JSON.stringify(text)}`);
    }),
    { seed: 20261202, numRuns: 2000 },
  );
});

test('nodes of a contract header (base arguments) are a unit of their own', () => {
  const f = compileFinding(finding({ pattern: 'keccak256($X)' }), PACK);
  assert.equal(isLocal(compiledOf(f)), true);
  const text =
    'pragma solidity ^0.8.0;\ncontract B { constructor(bytes32) {} }\ncontract C is B(keccak256("c")) {\n  function f() public { keccak256("f"); }\n}\n';
  const memory = new UnitMemory();
  let parsed = parseSource(text);
  for (const edited of [text, text.replace('function f()', 'function g()')]) {
    parsed = parseSource(edited, parsed);
    const whole = scanParsed(parsed, [f]);
    assert.equal(whole.occurrences.length, 2);
    assert.deepEqual(scanParsed(parsed, [f], { memory }), whole);
  }
  assert.ok(memory.last.reused > 0);
});
