// Typing breaks a function (the recovering parser leaves it out of the tree) and mends it again. The project
// carries its model over both (incremental.ts, kind `member`): the member's symbols leave and rejoin the table and
// the members that name it are walked again. Every version must answer as a model built from scratch, for the
// edited file and for a file that imports and inherits from it; and the unit-by-unit scan as a whole-file scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { parseSource } from '../../server/src/engine/parse';
import { SemanticProject, type SemanticModel } from '../../server/src/engine/semantics';
import type { Node } from '../../server/src/engine/pattern/ast';
import { allNodes, declKey, typeKey } from './semantics-helpers';
import { editedFile } from './scan-semantic-harness';

const VAULT = '/p/Vault.sol';
const USER = '/p/User.sol';

const VAULT_TEXT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

library Shares {
    function scale(uint256 a) internal pure returns (uint256) {
        return a * 2;
    }

    function scale(uint256 a, uint256 b) internal pure returns (uint256) {
        return a * b;
    }
}

abstract contract Owned {
    address public owner;

    modifier onlyOwner() {
        require(msg.sender == owner, "owner");
        _;
    }

    function hook(uint256 amount) internal virtual returns (uint256) {
        return amount;
    }

    function pay(address to, uint256 amount) public virtual onlyOwner {
        (bool ok, ) = to.call{value: hook(amount)}("");
        require(ok);
    }
}

contract Vault is Owned {
    using Shares for uint256;

    mapping(address => uint256) public balances;

    modifier positive(uint256 amount) {
        require(amount > 0);
        _;
    }

    function deposit(uint256 amount) public payable positive(amount) {
        balances[msg.sender] += amount.scale();
    }

    function deposit(uint256 amount, address to) public payable positive(amount) {
        balances[to] += amount.scale(2);
    }

    function hook(uint256 amount) internal override returns (uint256) {
        return super.hook(amount) + 1;
    }

    function pay(address to, uint256 amount) public override onlyOwner {
        balances[to] -= hook(amount);
        super.pay(to, amount);
    }

    function sweep() external onlyOwner {
        deposit(address(this).balance, owner);
        pay(owner, balances[owner]);
    }
}
`;

const USER_TEXT = `pragma solidity ^0.8.20;
import "./Vault.sol";

contract User is Vault {
    function run() external {
        deposit(1);
        deposit(2, msg.sender);
        sweep();
        uint256 h = hook(3);
        h;
    }
}
`;

/** Where a statement can be typed: just inside each function or modifier body. */
const SPOTS = [
  'return a * 2;',
  'return a * b;',
  'require(msg.sender == owner, "owner");',
  'return amount;\n    }\n\n    function pay',
  '(bool ok, ) =',
  'require(amount > 0);',
  'balances[msg.sender] +=',
  'balances[to] += amount.scale(2);',
  'return super.hook',
  'balances[to] -= hook(amount);',
  'deposit(address(this).balance, owner);',
].map((s) => {
  const at = VAULT_TEXT.indexOf(s);
  assert.ok(at > 0 && VAULT_TEXT.indexOf(s, at + 1) < 0, s);
  return at;
});

/** Statements typed a character at a time: most prefixes do not parse, which takes the member out of the tree. */
const TYPED = ['uint256 hindsight = hook(1);\n        ', 'deposit(1, owner); ', 'sweep();', '{ pay(owner, 1); }', 'x'];

/** Every answer about every node, every reference with its declaration, and the locals. */
function answers(m: SemanticModel): string[] {
  const nodes = allNodes(m.ast).map((n: Node) => {
    const fn = m.functionOf(n);
    const c = m.contractOf(n);
    return `${n.type}@${n.range?.join('-')} ${declKey(m.declarationOf(n))} ${typeKey(m.typeOf(n))} in ${fn ? declKey(fn) : '-'} / ${c ? declKey(c) : '-'}`;
  });
  const refs = m
    .references()
    .map((r) => `${r.offset}:${r.name}:${r.node.type}@${r.node.range?.join('-')} ${declKey(r.declaration)}`)
    .sort();
  const locals = [...(m.project.resolution(m.file)?.locals.values() ?? [])].map(declKey).sort();
  const members = m.contracts().map((c) => `${c.name}: ${[...c.members.values()].flat().map(declKey).join(', ')}`);
  return [...nodes, ...refs, ...locals, ...members];
}

function newProject(vault: string): SemanticProject {
  return new SemanticProject({ host: { readFile: (p) => (p === VAULT ? vault : p === USER ? USER_TEXT : undefined) }, root: '/p' });
}

function assertFresh(project: SemanticProject, text: string, what: string): void {
  const fresh = newProject(text);
  for (const file of [VAULT, USER]) assert.deepEqual(answers(project.model(file)), answers(fresh.model(file)), `${what}: ${file}`);
}

const step = fc.record({ spot: fc.nat(SPOTS.length - 1), typed: fc.nat(TYPED.length - 1), upTo: fc.nat(40), undo: fc.boolean() });

test('breaking and mending members while typing: the carried model answers as one built from scratch', () => {
  const kinds = new Map<string, number>();
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 4 }), (steps) => {
      const project = newProject(VAULT_TEXT);
      project.update(VAULT, VAULT_TEXT);
      project.resolution(VAULT);
      project.resolution(USER);
      let text = VAULT_TEXT;
      for (const s of steps) {
        const at = SPOTS[s.spot];
        const typed = TYPED[s.typed].slice(0, Math.max(1, s.upTo));
        // One character at a time, then (maybe) deleted again the same way.
        const versions: string[] = [];
        for (let i = 1; i <= typed.length; i++) versions.push(text.slice(0, at) + typed.slice(0, i) + text.slice(at));
        if (s.undo) versions.push(...versions.slice(0, -1).reverse(), text);
        for (const v of versions) {
          project.update(VAULT, parseSource(v));
          const kind = project.lastChange(VAULT)!.kind;
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          // Asking about the importing file too: it must see members leave and come back.
          assertFresh(project, v, `${JSON.stringify(steps)} at ${JSON.stringify(v.slice(at - 20, at + typed.length + 5))}`);
        }
        text = versions[versions.length - 1];
        // Later spots move with the text typed before them: start again from the original when they would.
        if (text !== VAULT_TEXT) break;
      }
    }),
    { seed: 20261207, numRuns: 30 },
  );
  assert.ok((kinds.get('member') ?? 0) > 0, `members broken and mended: ${JSON.stringify([...kinds])}`);
});

test('breaking and mending members while typing: unit-by-unit scans equal whole-file scans', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 3 }), (steps) => {
      const f = editedFile(VAULT, VAULT_TEXT, () => []);
      f.scan();
      for (const s of steps) {
        const start = f.text();
        const at = start === VAULT_TEXT ? SPOTS[s.spot] : start.indexOf('{', start.indexOf('function sweep')) + 1;
        const typed = TYPED[s.typed].slice(0, Math.max(1, s.upTo));
        for (let i = 0; i < typed.length; i++) {
          f.splice(at + i, 0, typed[i]);
          f.scan();
        }
        if (s.undo)
          for (let i = typed.length - 1; i >= 0; i--) {
            f.splice(at + i, 1, '');
            f.scan();
          }
      }
    }),
    { seed: 20261207, numRuns: 12 },
  );
});

/** A resolved project on `text`, then the keystroke that breaks `sweep` (an unclosed `if (`): the project and that text. */
function breakSweep(text: string): { project: SemanticProject; broken: string } {
  const project = newProject(text);
  project.update(VAULT, text);
  project.resolution(VAULT);
  const at = text.indexOf('deposit(address(this).balance, owner);');
  const broken = `${text.slice(0, at)}if (${text.slice(at)}`;
  project.update(VAULT, parseSource(broken));
  return { project, broken };
}

test('a name written outside any function (a state variable initialiser) builds the file again', () => {
  const text = VAULT_TEXT.replace(
    'mapping(address => uint256) public balances;',
    'mapping(address => uint256) public balances;\n    uint256 public constant SWEPT = 1;\n    bytes4 public s = this.sweep.selector;',
  );
  const { project, broken } = breakSweep(text);
  assert.equal(project.lastChange(VAULT)?.kind, 'file');
  assertFresh(project, broken, 'sweep broken, named by a state variable');
  // Without that mention the same keystroke is carried over.
  const { project: plain, broken: broken2 } = breakSweep(VAULT_TEXT);
  assert.equal(plain.lastChange(VAULT)?.kind, 'member');
  assertFresh(plain, broken2, 'sweep broken');
  plain.update(VAULT, parseSource(VAULT_TEXT));
  assert.equal(plain.lastChange(VAULT)?.kind, 'member');
  assertFresh(plain, VAULT_TEXT, 'sweep mended');
});

test('breaking and mending functions of real files: the carried model answers as one built from scratch', () => {
  const oz = dirname(createRequire(__filename).resolve('@openzeppelin/contracts/package.json'));
  const host = { readFile: (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined) };
  const options = { host, root: dirname(dirname(oz)), remappings: [`@openzeppelin/contracts/=${oz}/`] };
  let carried = 0;
  for (const rel of ['governance/Governor.sol', 'access/manager/AccessManager.sol']) {
    const file = join(oz, rel);
    const text = readFileSync(file, 'utf8');
    const project = new SemanticProject(options);
    project.update(file, text);
    project.resolution(file);
    const spots = [...text.matchAll(/\bfunction\s+\w+\s*\([^)]*\)[^{;]*\{\s*\n\s*/g)].map((m) => m.index + m[0].length);
    for (const at of spots.filter((_, i) => i % 9 === 0)) {
      for (const next of [`${text.slice(0, at)}if (${text.slice(at)}`, text]) {
        project.update(file, parseSource(next));
        if (project.lastChange(file)?.kind === 'member') carried++;
        const fresh = new SemanticProject(options);
        fresh.update(file, parseSource(next));
        assert.deepEqual(answers(project.model(file)), answers(fresh.model(file)), `${rel} at ${at}`);
      }
    }
  }
  assert.ok(carried > 0);
});
