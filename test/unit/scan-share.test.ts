// The findings of one scan share their answers per file (scan-share.ts): a question is keyed by the definition of
// the node that asks it, so two findings built on the same `inside: { all: [function $F ..., where: ...] }` ask
// it once. A shared answer must be exactly the one the finding would get alone: checked here with every built-in
// finding next to a copy compiled separately (equal definitions, distinct compiled objects), against each finding
// scanned alone on a parse of its own, on whole files and after random edits matched unit by unit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { compileFinding, definitionOf, PatternError, scanParsed, UnitMemory, type Finding, type Occurrence } from '../../server/src/engine';
import { parseSource, type ParsedSource } from '../../server/src/engine/parse';
import { normalizePath, SemanticProject } from '../../server/src/engine/semantics';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { finding, PACK } from './engine-helpers';

const require_ = createRequire(__filename);
const OZ = dirname(require_.resolve('@openzeppelin/contracts/package.json'));
const NODE_MODULES = dirname(dirname(OZ));
const PACK_TESTS = join(__dirname, '../../server/packs/hindsight-core/tests');
const FINDINGS: Finding[] = loadBuiltinPacks().flatMap((p) => p.findings);
const COPY = '-COPY';
const COPIES: Finding[] = FINDINGS.map((f) => {
  const { pack, ...def } = definitionOf(f);
  return compileFinding({ ...def, id: `${f.id}${COPY}` }, pack);
});
const BOTH = [...FINDINGS, ...COPIES];

const FILES = [
  join(OZ, 'access/manager/AccessManager.sol'),
  join(OZ, 'token/ERC20/ERC20.sol'),
  join(OZ, 'utils/math/Math.sol'),
  ...readdirSync(PACK_TESTS)
    .filter((f) => /^HS-(ACCESS|REENT|ARITH|MATH|DOS|ORACLE)-00[1-4]\.sol$/.test(f))
    .map((f) => join(PACK_TESTS, f)),
].map(normalizePath);

function project(): SemanticProject {
  return new SemanticProject({
    host: { readFile: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined), exists: existsSync },
    root: NODE_MODULES,
    remappings: [],
  });
}

/** What a finding reported, without what names it (its id, and the fingerprint made from the id). */
function reported(occurrences: Occurrence[], id: string): unknown[] {
  return occurrences.filter((o) => o.findingId === id).map(({ findingId: _id, fingerprint: _fp, ...o }) => o);
}

/** Each finding on a parse of its own (nothing cached from the shared scan), one at a time. */
function assertSharedEqualsAlone(path: string, text: string, occurrences: Occurrence[]): void {
  const alone = parseSource(text);
  const p = project();
  p.update(path, alone);
  let found = 0;
  for (const f of FINDINGS) {
    const own = scanParsed(alone, [f], { semantic: { project: p, path } }).occurrences;
    const shared = reported(occurrences, f.id);
    assert.deepEqual(shared, reported(own, f.id), `${f.id} on ${path}`);
    assert.deepEqual(reported(occurrences, `${f.id}${COPY}`), shared, `${f.id}${COPY} on ${path}`);
    found += shared.length;
  }
  assert.equal(occurrences.length, 2 * found, `${path}: nothing but the findings and their copies`);
}

test('shared answers equal each finding scanned alone, and a copy reports what its original does', () => {
  let total = 0;
  for (const path of FILES) {
    const text = readFileSync(path, 'utf8');
    const parsed = parseSource(text);
    const p = project();
    p.update(path, parsed);
    const { occurrences } = scanParsed(parsed, BOTH, { semantic: { project: p, path } });
    assertSharedEqualsAlone(path, text, occurrences);
    total += occurrences.length;
  }
  assert.ok(total > 20, `the files have findings to compare (${total})`);
});

test('after random edits, unit by unit, shared answers still equal each finding alone', () => {
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat(8),
    insert: fc.constantFrom('', 'x', ';', '}', 'unchecked { i++; } ', 'require(msg.sender == owner); ', 'owner = msg.sender; ', 'a = b * c / d; '),
  });
  fc.assert(
    fc.property(fc.nat(FILES.length - 1), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
      const path = FILES[which];
      let text = readFileSync(path, 'utf8');
      let parsed: ParsedSource = parseSource(text);
      const p = project();
      const memory = new UnitMemory();
      const semantic = () => {
        p.update(path, parsed);
        return { project: p, path };
      };
      scanParsed(parsed, BOTH, { memory, semantic });
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
        parsed = parseSource(text, parsed);
        assertSharedEqualsAlone(path, text, scanParsed(parsed, BOTH, { memory, semantic }).occurrences);
      }
    }),
    { seed: 20261206, numRuns: 6 },
  );
});

// `inside`/`not-inside` of an `all` is answered per enclosing node (its filters applied once per node, for every
// candidate in it) while no finding ran its first pattern over the whole file, and from the whole-file answer once
// one did: both must keep exactly the candidates in the right function, with that function's bindings.
const SETTERS = `pragma solidity ^0.8.20;
contract C {
    uint256 x;
    function setA() public { x = 1; }
    function getB() public view returns (uint256) { return x; }
    function touchB() public { x = 2; }
    function setC(uint256 v) public { unchecked { x = v; } if (v > 1) { x = v - 1; } }
}
`;

test('an inside/not-inside of an all answers per enclosing function, alone or after a whole-file run', () => {
  const setter = { all: [{ pattern: 'function $F(...) { ... }' }, { where: [{ metavariable: '$F', regex: '^set' }] }] };
  const inSetter = compileFinding(finding({ all: [{ pattern: 'x = $V;' }, { inside: setter }] }, { id: 'IN-SETTER' }), PACK);
  const outside = compileFinding(finding({ all: [{ pattern: 'x = $V;' }, { 'not-inside': setter }] }, { id: 'NOT-IN-SETTER' }), PACK);
  const functions = compileFinding(finding({ pattern: 'function $F(...) { ... }' }, { id: 'FUNCTIONS' }), PACK);
  const summary = (occurrences: Occurrence[], id: string) =>
    occurrences.filter((o) => o.findingId === id).map((o) => `${o.range.start.line}:${o.bindings.$V.text}:${o.bindings.$F?.text ?? ''}`);
  for (const findings of [
    [inSetter, outside],
    [functions, inSetter, outside],
  ]) {
    const { occurrences } = scanParsed(parseSource(SETTERS), findings);
    assert.deepEqual(summary(occurrences, 'IN-SETTER'), ['3:1:setA', '6:v:setC', '6:v - 1:setC']);
    assert.deepEqual(summary(occurrences, 'NOT-IN-SETTER'), ['5:2:']);
  }
});

test('findings share a compiled pattern; a pattern that does not compile fails with the path of each use', () => {
  const a = compileFinding(finding({ all: [{ pattern: 'x = $V;' }, { inside: { pattern: 'function $F(...) { ... }' } }] }), PACK);
  const b = compileFinding(finding({ any: [{ pattern: 'function $F(...) { ... }' }, { pattern: 'x = $V;' }] }), PACK);
  const collect = (v: unknown, out: unknown[] = []): unknown[] => {
    const o = v as { op?: unknown; pattern?: unknown } | null;
    if (o && typeof o === 'object') {
      if (o.op === 'pattern') out.push(o.pattern);
      else for (const x of Object.values(o)) collect(x, out);
    }
    return out;
  };
  const [ax, af] = collect(a.compiled);
  const [bf, bx] = collect(b.compiled);
  assert.equal(af, bf);
  assert.equal(ax, bx);
  for (const at of [0, 1]) {
    const items = [{ pattern: 'x = $V;' }, { pattern: 'x = = 1;' }];
    if (at === 0) items.reverse();
    assert.throws(
      () => compileFinding(finding({ any: items }), PACK),
      (e: PatternError) => e instanceof PatternError && e.path.join('.') === `match.any.${at === 0 ? 0 : 1}.pattern`,
    );
  }
});

test('findings share a compiled regex; an invalid one fails with the path of each use', () => {
  const where = (regex: string) => ({ all: [{ pattern: 'function $F(...) { ... }' }, { where: [{ metavariable: '$F', regex }] }] });
  const regexOf = (f: Finding) => {
    const m = f.compiled as { match: { rest: Array<{ filters: Array<{ regex: unknown }> }> } };
    return m.match.rest[0].filters[0].regex;
  };
  assert.equal(regexOf(compileFinding(finding(where('^set')), PACK)), regexOf(compileFinding(finding(where('^set')), PACK)));
  const { occurrences } = scanParsed(parseSource(SETTERS), [
    compileFinding(finding(where('^set'), { id: 'A' }), PACK),
    compileFinding(finding(where('^set'), { id: 'B' }), PACK),
  ]);
  assert.deepEqual(
    occurrences.map((o) => `${o.findingId}:${o.bindings.$F.text}`),
    ['A:setA', 'B:setA', 'A:setC', 'B:setC'],
  );
  for (const id of ['A', 'B']) {
    assert.throws(
      () => compileFinding(finding(where('(?<=x)'), { id }), PACK),
      (e: PatternError) => e instanceof PatternError && e.path.join('.') === 'match.all.1.where.0.regex',
    );
  }
});
