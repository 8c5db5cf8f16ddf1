// The SemanticModel API as the matcher will use it: the nodes of a tree it parsed itself, edits, positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseSource } from '../../server/src/engine/parse';
import { SemanticProject, typeToString, type Declaration } from '../../server/src/engine/semantics';
import { nameOffset } from '../../server/src/engine/semantics/symbols';
import { allNodes, find, where } from './semantics-helpers';

const BASE = 'contract Base { address internal owner; modifier onlyOwner() { require(msg.sender == owner); _; } }';
const SRC = `import "./Base.sol";
contract Pool is Base {
  mapping(address => uint256) public shares;
  function withdraw(uint256 amount) external onlyOwner {
    shares[msg.sender] -= amount;
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok, "send");
  }
}`;

test('the model answers about the nodes of a tree the caller parsed, and follows its edits', () => {
  const files: Record<string, string> = { '/w/Base.sol': BASE };
  const project = new SemanticProject({ host: { readFile: (p) => files[p] }, root: '/w' });
  const parsed = parseSource(SRC);
  const m = project.model('/w/Pool.sol', parsed);
  assert.equal(m.ast, parsed.ast, 'the caller’s own tree, not a copy');
  const ok = allNodes(parsed.ast).find((n) => n.type === 'Identifier' && n.name === 'ok' && n.range![0] > SRC.indexOf('require'))!;
  assert.equal(where(m.declarationOf(ok)), 'localVariable:Pool.sol:Pool.ok');
  assert.equal(typeToString(m.typeOf(ok)), 'bool');
  const stmt = allNodes(parsed.ast).find((n) => n.type === 'ExpressionStatement')!;
  assert.equal(m.contractOf(stmt)?.name, 'Pool');
  assert.equal(m.functionOf(stmt)?.name, 'withdraw');

  // An edit inside the function: the new tree's nodes are answered, the old ones belong to the old version.
  const edited = SRC.replace('-= amount', '-= amount + 0');
  const next = parseSource(edited, parsed);
  const m2 = project.model('/w/Pool.sol', next);
  const amount = find(m2, 'Identifier', 'amount', 1);
  assert.equal(where(m2.declarationOf(amount)), 'parameter:Pool.sol:Pool.amount');
  assert.equal(typeToString(m2.typeOf(find(m2, 'BinaryOperation', 'amount + 0'))), 'uint256');
});

test('references and name offsets point at the names in the text', () => {
  const files: Record<string, string> = { '/w/Base.sol': BASE, '/w/Pool.sol': SRC };
  const project = new SemanticProject({ host: { readFile: (p) => files[p] }, root: '/w' });
  const m = project.model('/w/Pool.sol');
  for (const r of m.references()) assert.equal(SRC.slice(r.offset, r.offset + r.name.length), r.name);
  const mod = m.references().find((r) => r.name === 'onlyOwner')!;
  assert.equal(mod.declaration.file, '/w/Base.sol');
  assert.equal(BASE.slice(m.nameOffset(mod.declaration)!, m.nameOffset(mod.declaration)! + 9), 'onlyOwner');
  const owner = m.references('/w/Base.sol').find((r) => r.name === 'owner')!;
  assert.equal(where(owner.declaration), 'stateVariable:Base.sol:Base.owner');
  assert.equal(m.nameOffset(owner.declaration), BASE.indexOf('owner;'));
  const shares = m.contract('Pool')!.stateVariables[0];
  assert.equal(typeToString(m.typeOfDeclaration(shares)), 'mapping(address => uint256)');
  assert.equal(shares.visibility, 'public');
});

test('nameOffset finds the first whole-word name from the node on, as /\\bname\\b/ does (property)', () => {
  const piece = fc.constantFrom('foo', 'foo$', '$foo', 'afoo', 'foob', 'x', ' ', '_', '(', '\n', '$', 'é');
  const names = ['foo', '$foo', 'foo$', 'x', '_'];
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom(...names), fc.nat(), fc.nat(), (parts, name, a, b) => {
      const text = parts.join('');
      const start = text.length ? a % text.length : 0;
      const end = start + (text.length ? b % (text.length - start + 1) : 0);
      const decl = { kind: 'function', name, node: { type: 'FunctionDefinition', range: [start, end] } } as unknown as Declaration;
      const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`, 'g');
      word.lastIndex = start;
      const m = word.exec(text);
      assert.equal(nameOffset(decl, text), m && m.index <= end ? m.index : undefined, `${name} in ${JSON.stringify(text)} from ${start} to ${end}`);
    }),
    { seed: 11, numRuns: 500 },
  );
});
