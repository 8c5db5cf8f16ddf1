// After an edit inside a function body, the project carries the file's model over to the new tree and walks that
// body alone (incremental.ts). Its answers must be exactly those of a model built from scratch on the same text:
// checked for every node of real OpenZeppelin files after random edits, one project living through many of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { parseSource } from '../../server/src/engine/parse';
import { changedSpan } from '../../server/src/engine/parse/splice';
import { editSpan } from '../../server/src/engine/semantics/incremental';
import { SemanticProject, type SemanticModel } from '../../server/src/engine/semantics';
import type { Node } from '../../server/src/engine/pattern/ast';
import { allNodes, declKey, typeKey } from './semantics-helpers';
import { apply, bodies, editArb, INSERTS } from './body-edits-helpers';

const require_ = createRequire(__filename);
const OZ = dirname(require_.resolve('@openzeppelin/contracts/package.json'));
const NODE_MODULES = dirname(dirname(OZ));
const FILES = [
  'governance/Governor.sol',
  'access/manager/AccessManager.sol',
  'utils/structs/EnumerableMap.sol',
  'utils/structs/Checkpoints.sol',
  'token/ERC20/ERC20.sol',
  'token/ERC721/ERC721.sol',
  'utils/math/Math.sol',
  'utils/cryptography/MerkleProof.sol',
].map((f) => join(OZ, f));

function newProject(): SemanticProject {
  return new SemanticProject({
    host: { readFile: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined) },
    root: NODE_MODULES,
    remappings: [`@openzeppelin/contracts/=${OZ}/`],
  });
}

/** A project that has read `file` as `text` and resolved it: what an editor's project holds before an edit. */
function resolvedProject(file: string, text: string): SemanticProject {
  const project = newProject();
  project.update(file, text);
  project.resolution(file);
  return project;
}

/** A declaration as something two projects can agree on: kind, name, file and where its node is. */
/** Every answer the model gives about every node of its file, in tree order. */
function answers(m: SemanticModel): string[] {
  return allNodes(m.ast).map((n: Node) => {
    const fn = m.functionOf(n);
    const c = m.contractOf(n);
    return `${n.type}@${n.range?.join('-')} ${declKey(m.declarationOf(n))} ${typeKey(m.typeOf(n))} in ${fn ? declKey(fn) : '-'} / ${c ? declKey(c) : '-'}`;
  });
}

function references(m: SemanticModel): string[] {
  return m
    .references()
    .map((r) => `${r.offset}:${r.name}:${r.node.type}@${r.node.range?.join('-')} ${declKey(r.declaration)}`)
    .sort();
}

const locals = (m: SemanticModel) => [...(m.project.resolution(m.file)?.locals.values() ?? [])].map(declKey).sort();

interface Expected {
  answers: string[];
  references: string[];
  locals: string[];
}

/** What a model built from scratch answers on these texts (`edited`: files other than the host's). */
function fromScratch(file: string, text: string, edited: Record<string, string> = {}): Expected {
  const fresh = newProject();
  for (const [f, t] of Object.entries(edited)) fresh.update(f, parseSource(t));
  fresh.update(file, parseSource(text));
  const m = fresh.model(file);
  return { answers: answers(m), references: references(m), locals: locals(m) };
}

/** `project`'s model of `file` against one built from scratch on the same texts. */
function assertSameAsScratch(project: SemanticProject, file: string, text: string, what: string, expected: Expected | Record<string, string> = {}): void {
  const e = 'answers' in expected ? (expected as Expected) : fromScratch(file, text, expected as Record<string, string>);
  const actual = project.model(file);
  assert.equal(actual.project.text(file), text);
  const a = answers(actual);
  assert.equal(a.length, e.answers.length, `${what}: node count`);
  for (let i = 0; i < a.length; i++) assert.equal(a[i], e.answers[i], `${what}: node #${i}`);
  assert.deepEqual(references(actual), e.references, `${what}: references`);
  assert.deepEqual(locals(actual), e.locals, `${what}: locals`);
}

/** Also a local that holds `msg.sender` and a check on it: what the guard facts follow. */
const MODEL_INSERTS = [...INSERTS, 'address msgSender = msg.sender; if (msgSender == address(this)) { revert(); }\n'];

test('after random edits inside bodies of real files, the carried model answers as one built from scratch', () => {
  for (const file of FILES) {
    const text = readFileSync(file, 'utf8');
    const bs = bodies(parseSource(text).ast);
    // One project lives through every edit and its undo, as the editor's does.
    const project = newProject();
    project.update(file, text);
    const original = fromScratch(file, text);
    assertSameAsScratch(project, file, text, `${file}: before any edit`, original);
    let bodyEdits = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bs.length - 1 }).chain((i) => editArb(text, bs[i], MODEL_INSERTS)),
        (edit) => {
          const next = apply(text, edit);
          const what = `${file}: ${JSON.stringify(edit)}`;
          project.update(file, next);
          const change = project.lastChange(file)!;
          if (parseSource(next).syntaxErrors.length === 0) {
            assert.equal(change.kind, 'body', `${what}: carried over`);
            bodyEdits++;
          }
          assertSameAsScratch(project, file, next, what);
          project.update(file, text);
          assertSameAsScratch(project, file, text, `${what}, undone`, original);
        },
      ),
      { seed: 20261211, numRuns: 12 },
    );
    assert.ok(bodyEdits > 0, `${file}: some edits were carried over`);
  }
});

/** Types `typed` at `anchor` one character at a time into one project, each version checked against a model from scratch; the kinds of change seen. */
function typeInto(file: string, text: string, anchor: number, typed: string): Set<string> {
  const project = resolvedProject(file, text);
  const kinds = new Set<string>();
  for (let i = 1; i <= typed.length; i++) {
    const next = text.slice(0, anchor) + typed.slice(0, i) + text.slice(anchor);
    project.update(file, next);
    kinds.add(project.lastChange(file)!.kind);
    assertSameAsScratch(project, file, next, `after typing ${JSON.stringify(typed.slice(0, i))}`);
  }
  return kinds;
}

test('typing a statement one character at a time: every version answers as from scratch, the rest carried', () => {
  const file = join(OZ, 'token/ERC20/ERC20.sol');
  const text = readFileSync(file, 'utf8');
  const anchor = text.indexOf('_spendAllowance(from, spender, value);');
  const typed = 'uint256 left = allowance(from, spender) - value;\n        ';
  const kinds = typeInto(file, text, anchor, typed);
  assert.ok(kinds.has('body'));
});

test('state variables with initial values after the edit: the carried model answers as from scratch', () => {
  // The parser holds a state variable's initial value as one object under two fields; a moved tree must too
  // (parse/shift.ts), or the carried model walks the value twice and lists its references twice.
  const file = join(OZ, 'hindsight/StateInit.sol');
  const text = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract StateInit {
    uint256 public limit = 10 * 2;
    function bump(uint256 by) external returns (uint256) {
        limit += by;
        return limit;
    }
    address public owner = msg.sender;
    uint256 private constant CAP = 1000 + 1;
    mapping(address => uint256) internal seen;
    function capped(uint256 v) external view returns (uint256) {
        return v > CAP ? limit + seen[owner] : v;
    }
}
`;
  const anchor = text.indexOf('limit += by;');
  const typed = 'uint256 x = by + CAP; ';
  const kinds = typeInto(file, text, anchor, typed);
  for (const kind of ['body', 'positions', 'member']) assert.ok(kinds.has(kind), `${kind} among ${[...kinds].join(', ')}`);
});

test('a body edit keeps what the files that import the edited one know; a header edit does not', () => {
  const base = join(OZ, 'token/ERC20/ERC20.sol');
  const derived = join(OZ, 'token/ERC20/extensions/ERC20Burnable.sol');
  const text = readFileSync(base, 'utf8');
  const project = newProject();
  project.update(base, text);
  project.resolution(base);
  const before = project.resolution(derived);
  assert.ok(before);
  const at = text.indexOf('_spendAllowance(from, spender, value);');
  const next = text.slice(0, at) + 'uint256 unused = value;\n        ' + text.slice(at);
  project.update(base, next);
  assert.equal(project.lastChange(base)?.kind, 'body');
  assert.equal(project.resolved(derived), before, 'the importing file was not walked again');
  assertSameAsScratch(project, derived, readFileSync(derived, 'utf8'), 'the importing file', { [base]: next });
  assertSameAsScratch(project, base, next, 'the edited file');

  // A new parameter changes what the file declares: everything is built again.
  const header = next.replace(
    'function transferFrom(address from, address to, uint256 value)',
    'function transferFrom(address from, address to, uint256 value, bytes memory data)',
  );
  assert.notEqual(header, next);
  project.update(base, header);
  assert.equal(project.lastChange(base)?.kind, 'file');
  assert.equal(project.resolved(derived), undefined);
  assertSameAsScratch(project, base, header, 'after a header edit');
});

test('an edit between declarations moves positions only', () => {
  const file = join(OZ, 'utils/math/Math.sol');
  const text = readFileSync(file, 'utf8');
  const project = resolvedProject(file, text);
  const at = text.indexOf('    function tryAdd');
  for (const ins of ['\n', '    // a note about tryAdd\n', '/* uint256 x; */']) {
    const next = text.slice(0, at) + ins + text.slice(at);
    project.update(file, next);
    assert.equal(project.lastChange(file)?.kind, 'positions', JSON.stringify(ins));
    assertSameAsScratch(project, file, next, JSON.stringify(ins));
  }
  // A declaration typed there is a change of the file.
  const next = text.slice(0, at) + '    uint256 constant HINDSIGHT = 1;\n' + text.slice(at);
  project.update(file, next);
  assert.equal(project.lastChange(file)?.kind, 'file');
  assertSameAsScratch(project, file, next, 'a new constant');
});

test('where two texts differ is found a block at a time exactly as character by character', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '\n', '😀'), maxLength: 600 });
  fc.assert(
    fc.property(text, fc.nat(), fc.nat(), text, (a, at, del, ins) => {
      const p = Math.min(at, a.length);
      const b = a.slice(0, p) + ins + a.slice(Math.min(a.length, p + del));
      assert.deepEqual(editSpan(a, b), changedSpan(a, b));
    }),
    { seed: 20261211, numRuns: 500 },
  );
});

test('keystrokes nobody asks the model about wait, and are carried over as one edit at the next question', () => {
  const file = join(OZ, 'token/ERC20/ERC20.sol');
  const text = readFileSync(file, 'utf8');
  const anchor = text.indexOf('_spendAllowance(from, spender, value);');
  const typed = 'uint256 left = allowance(from, spender) - value;\n        ';
  const units = newProject().unitFiles(file);
  fc.assert(
    fc.property(fc.array(fc.boolean(), { minLength: typed.length, maxLength: typed.length }), (ask) => {
      const project = resolvedProject(file, text);
      for (let i = 1; i <= typed.length; i++) {
        const next = text.slice(0, anchor) + typed.slice(0, i) + text.slice(anchor);
        project.update(file, next);
        // What the scan and the server ask before they know whether they need the model carries nothing over.
        assert.deepEqual(project.unitFiles(file), units);
        assert.ok(project.pendingEdit(file), `after typing ${JSON.stringify(typed.slice(0, i))}`);
        if (ask[i - 1] || i === typed.length) assertSameAsScratch(project, file, next, `after typing ${JSON.stringify(typed.slice(0, i))}`);
        assert.equal(project.pendingEdit(file), !(ask[i - 1] || i === typed.length));
      }
    }),
    { seed: 20261207, numRuns: 6 },
  );
});

test('a pending edit that adds an import is carried over before the unit is walked', () => {
  const file = join(OZ, 'utils/math/Math.sol');
  const text = readFileSync(file, 'utf8');
  const project = resolvedProject(file, text);
  const strings = join(OZ, 'utils/Strings.sol');
  assert.ok(!project.unitFiles(file).includes(strings));
  const next = `${text}\nimport "../Strings.sol";\n`;
  project.update(file, next);
  assert.ok(project.unitFiles(file).includes(strings));
  assert.ok(!project.pendingEdit(file));
  assertSameAsScratch(project, file, next, 'with the import');
});

test('a pending edit of an imported file is carried over before a question about the file that imports it', () => {
  const base = join(OZ, 'token/ERC20/ERC20.sol');
  const derived = join(OZ, 'token/ERC20/extensions/ERC20Burnable.sol');
  const text = readFileSync(base, 'utf8');
  const project = newProject();
  project.update(base, text);
  const before = project.resolution(derived);
  assert.ok(before);
  const header = text.replace(
    'function transferFrom(address from, address to, uint256 value)',
    'function transferFrom(address from, address to, uint256 value, bytes memory data)',
  );
  project.update(base, header);
  assert.ok(project.pendingEdit(base));
  assert.equal(project.resolved(derived), undefined, 'the header edit drops what the importing file derived');
  assert.ok(!project.pendingEdit(base));
  assertSameAsScratch(project, derived, readFileSync(derived, 'utf8'), 'the importing file', { [base]: header });
});
