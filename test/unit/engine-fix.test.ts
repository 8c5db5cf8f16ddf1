import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, type FixDefinition, type MatchNode } from '../../server/src/engine';
import { inFunction, scan, texts } from './engine-helpers';

function fixed(match: MatchNode | string, source: string, fix: FixDefinition, focus?: string): string {
  const occ = scan(match, source, { fix, ...(focus ? { focus } : {}) });
  return applyEdits(
    source,
    occ.flatMap((o) => o.fix?.edits ?? []),
  );
}

test('replace match with a template using bindings exactly as written', () => {
  const src = inFunction('    token.transfer( to ,amount );');
  const out = fixed('$T.transfer($A, $B);', src, { title: 'safe', edits: [{ replace: 'match', with: '$T.safeTransfer($A, $B);' }] });
  assert.equal(out, inFunction('    token.safeTransfer(to, amount);'));
});

test('fix title, safety and edit ranges are reported', () => {
  const src = inFunction('    x = tx.origin;');
  const occ = scan('tx.origin', src, { fix: { title: 'Use msg.sender', safe: true, edits: [{ with: 'msg.sender' }] } });
  assert.equal(occ[0].fix?.title, 'Use msg.sender');
  assert.equal(occ[0].fix?.safe, true);
  assert.deepEqual(occ[0].fix?.edits, [{ range: occ[0].matchRange, newText: 'msg.sender' }]);
  const unsafe = scan('tx.origin', src, { fix: { title: 't', edits: [{ with: 'msg.sender' }] } });
  assert.equal(unsafe[0].fix?.safe, false);
});

test('replace a metavariable or the focus', () => {
  const src = inFunction('    require(tx.origin == owner);');
  const m = 'require(tx.origin == $O)';
  assert.equal(fixed(m, src, { title: 't', edits: [{ replace: '$O', with: 'admin' }] }), inFunction('    require(tx.origin == admin);'));
  const f = { all: [{ pattern: 'require($A == $O)' }, { where: [{ metavariable: '$A', regex: 'origin' }] }] };
  assert.equal(fixed(f, src, { title: 't', edits: [{ replace: 'focus', with: 'msg.sender' }] }, '$A'), inFunction('    require(msg.sender == owner);'));
});

test('insert-before and insert-after', () => {
  const src = inFunction('    a.call("");');
  const out = fixed('$X.call($D);', src, {
    title: 't',
    edits: [
      { 'insert-before': '$X', text: 'payable(' },
      { 'insert-after': '$X', text: ')' },
    ],
  });
  assert.equal(out, inFunction('    payable(a).call("");'));
});

test('insert-line-before and insert-line-after keep the target line indentation', () => {
  const src = 'contract C {\n  function f() public {\n\tif (x) {\n\t    a.call("");\n\t}\n  }\n}\n';
  const out = fixed('$X.call($D);', src, {
    title: 't',
    edits: [
      { 'insert-line-before': 'match', text: 'require(ready);' },
      { 'insert-line-after': 'match', text: 'emit Called($X);\ndone = true;' },
    ],
  });
  assert.equal(
    out,
    'contract C {\n  function f() public {\n\tif (x) {\n\t    require(ready);\n\t    a.call("");\n\t    emit Called(a);\n\t    done = true;\n\t}\n  }\n}\n',
  );
});

test('insert-line-after a multi-line target goes below its last line', () => {
  const src = inFunction('    foo(\n      1,\n      2\n    );\n    bar();');
  const out = fixed('foo(...);', src, { title: 't', edits: [{ 'insert-line-after': 'match', text: 'check();' }] });
  assert.equal(out, inFunction('    foo(\n      1,\n      2\n    );\n    check();\n    bar();'));
});

test('CRLF files get CRLF line endings in inserted lines', () => {
  const src = inFunction('    a.call("");').replace(/\n/g, '\r\n');
  const out = fixed('$X.call($D);', src, {
    title: 't',
    edits: [
      { 'insert-line-before': 'match', text: 'one();\ntwo();' },
      { 'insert-line-after': 'match', text: 'three();' },
    ],
  });
  assert.equal(out, inFunction('    one();\n    two();\n    a.call("");\n    three();').replace(/\n/g, '\r\n'));
  assert.ok(!/[^\r]\n/.test(out));
});

test('fix on the last line without a trailing newline', () => {
  const src = 'contract C { function f() public { a.call(""); } }';
  const out = fixed('$X.call($D);', src, { title: 't', edits: [{ 'insert-line-after': 'match', text: 'x();' }] });
  assert.equal(out, 'contract C { function f() public { a.call(""); } }\nx();');
});

test('a fix is left out when an `any` branch did not bind its metavariable', () => {
  const src = inFunction('    f(a);\n    g();');
  const occ = scan({ any: [{ pattern: 'f($X)' }, { pattern: 'g()' }] }, src, { fix: { title: 't', edits: [{ replace: '$X', with: 'b' }] } });
  assert.equal(occ.length, 2);
  assert.ok(occ[0].fix);
  assert.equal(occ[1].fix, undefined);
});

test('applyEdits applies from the end, keeps insertion order, skips overlaps', () => {
  const text = 'abc\ndef\n';
  const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
  assert.equal(
    applyEdits(text, [
      { range: r(0, 0, 0, 1), newText: 'X' },
      { range: r(1, 1, 1, 2), newText: 'YY' },
    ]),
    'Xbc\ndYYf\n',
  );
  assert.equal(
    applyEdits(text, [
      { range: r(0, 1, 0, 1), newText: '1' },
      { range: r(0, 1, 0, 1), newText: '2' },
    ]),
    'a12bc\ndef\n',
  );
  assert.equal(
    applyEdits(text, [
      { range: r(0, 0, 1, 1), newText: 'Z' },
      { range: r(0, 2, 0, 3), newText: 'Q' },
    ]),
    'Zef\n',
  );
  assert.equal(applyEdits(text, []), text);
});

test('focus sets the reported range; matchRange keeps the whole match', () => {
  const src = inFunction('    token.transfer(to, amount);');
  const occ = scan('$T.transfer($A, $B);', src, { focus: '$T' });
  assert.deepEqual(texts(src, occ), ['token']);
  assert.deepEqual(occ[0].matchRange, { start: { line: 3, character: 4 }, end: { line: 3, character: 31 } });
});
