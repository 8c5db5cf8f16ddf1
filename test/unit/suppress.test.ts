import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySuppressions, findSuppressions, SUPPRESS_MALFORMED, SUPPRESS_NO_REASON, SUPPRESS_UNUSED } from '../../server/src/engine/suppress';
import type { Occurrence } from '../../server/src/engine/types';

function occ(findingId: string, line: number, matchLine = line): Occurrence {
  return {
    findingId,
    pack: 'p',
    range: { start: { line, character: 4 }, end: { line, character: 10 } },
    matchRange: { start: { line: matchLine, character: 0 }, end: { line: line + 1, character: 0 } },
    contract: 'C',
    function: 'f',
    bindings: {},
    fingerprint: `${findingId}@${line}`,
  };
}

test('next-line suppresses that id on the next code line only', () => {
  const src = [
    'contract C {',
    '  function f() public {',
    '    // hindsight-ignore-next-line TEAM-001: checked by caller',
    '    a.transfer(b, c);',
    '    a.transfer(b, c);',
    '  }',
    '}',
  ].join('\n');
  const r = applySuppressions(src, [occ('TEAM-001', 3), occ('TEAM-001', 4), occ('TEAM-002', 3)]);
  assert.deepEqual(
    r.kept.map((o) => o.fingerprint),
    ['TEAM-001@4', 'TEAM-002@3'],
  );
  assert.equal(r.suppressed.length, 1);
  assert.equal(r.suppressed[0].by.reason, 'checked by caller');
  assert.deepEqual(r.problems, []);
});

test('several ids, trailing ignore-line, and stacked comments with blank lines in between', () => {
  const src = [
    '// hindsight-ignore-next-line A-1, B-2: both known',
    '// hindsight-ignore-next-line C-3: third',
    '',
    'x(); // hindsight-ignore-line D-4: on this line',
  ].join('\n');
  const s = findSuppressions(src);
  assert.deepEqual(
    s.map((x) => [x.kind, x.ids.map((i) => i.id), x.targetLine]),
    [
      ['next-line', ['A-1', 'B-2'], 3],
      ['next-line', ['C-3'], 3],
      ['line', ['D-4'], 3],
    ],
  );
  const r = applySuppressions(src, [occ('A-1', 3), occ('B-2', 3), occ('C-3', 3), occ('D-4', 3), occ('E-5', 3)]);
  assert.deepEqual(
    r.kept.map((o) => o.findingId),
    ['E-5'],
  );
  assert.deepEqual(r.problems, []);
});

test('* suppresses every finding on the line', () => {
  const src = '// hindsight-ignore-next-line *: generated code\nx();\n';
  const r = applySuppressions(src, [occ('A-1', 1), occ('B-2', 1)]);
  assert.equal(r.kept.length, 0);
  assert.deepEqual(r.problems, []);
});

test('an occurrence whose whole match starts on the target line is suppressed too', () => {
  const src = '// hindsight-ignore-next-line A-1: ok\nfunction f() {\n  x();\n}\n';
  const r = applySuppressions(src, [occ('A-1', 2, 1)]);
  assert.equal(r.kept.length, 0);
});

test('missing reason and placeholder reason are reported, but still suppress', () => {
  const src = '// hindsight-ignore-next-line A-1\nx();\n// hindsight-ignore-next-line A-1: <reason>\ny();\n';
  const r = applySuppressions(src, [occ('A-1', 1), occ('A-1', 3)]);
  assert.equal(r.kept.length, 0);
  assert.deepEqual(
    r.problems.map((p) => [p.code, p.range.start.line, p.severity]),
    [
      [SUPPRESS_NO_REASON, 0, 'info'],
      [SUPPRESS_NO_REASON, 2, 'info'],
    ],
  );
  assert.deepEqual(r.problems[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 33 } });
});

test('unused ids are reported at the id, unless not active or unused reporting is off', () => {
  const src = '    // hindsight-ignore-next-line A-1, B-2: stale\n    x();\n';
  const r = applySuppressions(src, [occ('A-1', 1)]);
  assert.equal(r.kept.length, 0);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].code, SUPPRESS_UNUSED);
  assert.match(r.problems[0].message, /B-2/);
  assert.deepEqual(r.problems[0].range, { start: { line: 0, character: 39 }, end: { line: 0, character: 42 } });
  assert.equal(applySuppressions(src, [occ('A-1', 1)], { activeIds: new Set(['A-1']) }).problems.length, 0);
  assert.equal(applySuppressions(src, [], { reportUnused: false }).problems.length, 0);
});

test('a next-line comment at the end of the file is unused', () => {
  const r = applySuppressions('x();\n// hindsight-ignore-next-line A-1: why\n', []);
  assert.deepEqual(
    r.problems.map((p) => p.code),
    [SUPPRESS_UNUSED],
  );
});

test('malformed directives are reported and strings are not comments', () => {
  const src = [
    'string s = "// hindsight-ignore-next-line A-1: in a string";',
    'x(); // hindsight-ignore-line lowercase: nope',
    '/* hindsight-ignore-next-line */',
    'y();',
  ].join('\n');
  const s = findSuppressions(src);
  assert.equal(s.length, 2);
  const r = applySuppressions(src, [occ('A-1', 1)]);
  assert.deepEqual(
    r.kept.map((o) => o.findingId),
    ['A-1'],
  );
  assert.deepEqual(
    r.problems.map((p) => p.code),
    [SUPPRESS_MALFORMED, SUPPRESS_MALFORMED],
  );
});

test('block comments and NatSpec slashes work as directives', () => {
  const src = '/* hindsight-ignore-next-line A-1: block */\nx();\ny(); /// hindsight-ignore-line B-2: natspec style\n';
  const r = applySuppressions(src, [occ('A-1', 1), occ('B-2', 2)]);
  assert.equal(r.kept.length, 0);
  assert.deepEqual(r.problems, []);
});

test('no directive in the text: everything kept, nothing reported', () => {
  const r = applySuppressions('contract C {}', [occ('A-1', 0)]);
  assert.equal(r.kept.length, 1);
  assert.deepEqual(r.problems, []);
});

test('CRLF line endings', () => {
  const src = '// hindsight-ignore-next-line A-1: crlf\r\n\r\nx();\r\n';
  const r = applySuppressions(src, [occ('A-1', 2)]);
  assert.equal(r.kept.length, 0);
});
