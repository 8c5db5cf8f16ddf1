// The Findings panel's shape (client/src/findingsGroups.ts, no `vscode`): every grouping shows every occurrence
// once, with unique ids even for duplicated code, and several occurrences of one rule in one function are one node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GROUPINGS, childNodes, leavesInOrder, rootNodes, type Node } from '../../client/src/findingsGroups';
import type { Item } from '../../client/src/findingsModel';
import type { Severity } from '../../server/src/shared/protocol';

function item(file: string, line: number, over: Partial<Item> = {}): Item {
  const range = { start: { line, character: 4 }, end: { line, character: 20 } };
  return {
    uri: `file:///ws/${file}`,
    range,
    matchRange: range,
    findingId: 'R-1',
    title: 'Rule one',
    severity: 'high' as Severity,
    confidence: 'high',
    category: 'access-control',
    pack: 'p',
    fingerprint: `fp${line}`,
    contract: 'C',
    function: 'f',
    hasFix: false,
    triage: 'open',
    source: 'hindsight',
    ...over,
  };
}

const rel = (uri: string) => uri.replace('file:///ws/', '');
const walk = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...walk(childNodes(n))]);

test('duplicated code: every grouping shows each copy once, with unique ids', () => {
  // The same two functions in two files: same fingerprints, different files.
  const items = ['src/V.sol', 'src/flat/V.sol'].flatMap((f) => [item(f, 9, { function: 'sweep' }), item(f, 14, { function: 'sweep', fingerprint: 'fp14' })]);
  for (const g of GROUPINGS) {
    const nodes = walk(rootNodes(items, g, rel));
    const ids = nodes.map((n) => n.id);
    assert.equal(new Set(ids).size, ids.length, `${g}: unique ids`);
    const leaves = leavesInOrder(rootNodes(items, g, rel));
    assert.equal(leaves.length, 4, `${g}: four leaves`);
    assert.equal(new Set(leaves).size, 4, `${g}: each copy once`);
    for (const n of nodes) if (n.kind !== 'occurrence') assert.ok(childNodes(n).length > 0, `${g}: ${n.id} expands`);
  }
});

test('one rule four times in one function is one node ×4, under file and function grouping', () => {
  const items = [1, 2, 3, 4].map((l) => item('src/A.sol', l, { function: 'deposit' })).concat(item('src/A.sol', 8, { function: 'other' }));
  for (const g of ['file', 'function'] as const) {
    const roots = rootNodes(items, g, rel);
    const children = roots.flatMap(childNodes);
    const grouped = children.find((n) => n.kind === 'finding');
    assert.ok(grouped && grouped.kind === 'finding', g);
    assert.equal(grouped.items.length, 4);
    assert.equal(grouped.where, 'C.deposit');
    assert.equal(children.filter((n) => n.kind === 'occurrence').length, 1, 'the lone occurrence in other() stays a leaf');
  }
  const fn = rootNodes(items, 'function', rel);
  assert.deepEqual(
    fn.map((n) => n.kind === 'group' && n.label),
    ['C.deposit', 'C.other'],
  );
});

test('leaves follow the tree order: severity first under severity grouping, file order under file grouping', () => {
  const items = [item('b.sol', 1, { severity: 'low', findingId: 'L' }), item('a.sol', 5), item('a.sol', 2, { function: 'g' })];
  const at = (list: Item[]) => list.map((i) => `${rel(i.uri)}:${i.range.start.line}`);
  assert.deepEqual(at(leavesInOrder(rootNodes(items, 'severity', rel))), ['a.sol:2', 'a.sol:5', 'b.sol:1']);
  assert.deepEqual(at(leavesInOrder(rootNodes(items, 'file', rel))), ['a.sol:2', 'a.sol:5', 'b.sol:1']);
  assert.deepEqual(at(leavesInOrder(rootNodes(items, 'rule', rel))), ['a.sol:2', 'a.sol:5', 'b.sol:1']);
});

test('grouping by OWASP category: SC01 … SC10 in order, named, with findings of no category last', () => {
  const items = [
    item('src/A.sol', 1, { findingId: 'R-ORACLE', owasp: 'SC02' }),
    item('src/A.sol', 2, { findingId: 'R-NONE' }),
    item('src/A.sol', 3, { findingId: 'R-DOS', owasp: 'SC10' }),
    item('src/A.sol', 4, { findingId: 'R-ORACLE2', owasp: 'SC02' }),
  ];
  const roots = rootNodes(items, 'owasp', rel);
  assert.deepEqual(
    roots.map((n) => (n.kind === 'group' ? [n.label, n.items.length] : n.kind)),
    [
      ['SC02 Price Oracle Manipulation', 2],
      ['SC10 Denial of Service (DoS) Attacks', 1],
      ['No OWASP category', 1],
    ],
  );
  assert.deepEqual(
    childNodes(roots[0]).map((n) => (n.kind === 'finding' ? n.findingId : n.kind)),
    ['R-ORACLE', 'R-ORACLE2'],
  );
});
