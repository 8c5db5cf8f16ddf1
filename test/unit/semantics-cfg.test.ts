// The control-flow graph of a function: one node per statement or condition, edges for every construct of the
// language (0.4 to 0.8), modifiers expanded in place of `_`, and no exception on half-typed code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseSource } from '../../server/src/engine/parse';
import { buildCfg, modifierArgument, type Node } from '../../server/src/engine/semantics/cfg';
import { functionsOf } from '../../server/src/engine/semantics/cfg-ast';
import { reachable } from '../../server/src/engine/semantics/order';
import { all, cfgOf, contract, one, order, succ, text } from './semantics-cfg-helpers';

test('straight-line statements follow each other from entry to exit', () => {
  const b = cfgOf(contract('uint256 a = amount; total = a; emit X(a);', 'event X(uint256);'), 'f');
  assert.deepEqual(order(b), ['uint256 a = amount;', 'total = a;', 'emit X(a);']);
  assert.deepEqual(succ(b, b.cfg.entry), ['next→uint256 a = amount;']);
  assert.deepEqual(succ(b, one(b, 'emit')), ['next→exit']);
  assert.equal(b.cfg.revert.in.length, 0);
});

test('if/else: a condition node with a true and a false edge that know the condition', () => {
  const b = cfgOf(contract('if (amount > 1) { total = 1; } else { total = 2; } total = 3;'), 'f');
  const c = one(b, 'amount > 1');
  assert.equal(c.kind, 'condition');
  assert.deepEqual(succ(b, c), ['true→total = 1;', 'false→total = 2;']);
  assert.deepEqual(
    c.out.map((e) => [e.condition, e.holds]),
    [
      [c.condition, true],
      [c.condition, false],
    ],
  );
  assert.equal(c.statement?.type, 'IfStatement');
  assert.deepEqual(succ(b, one(b, 'total = 1')), ['next→total = 3;']);
  assert.deepEqual(succ(b, one(b, 'total = 2')), ['next→total = 3;']);
});

test('if without else: the false edge goes to what follows', () => {
  const b = cfgOf(contract('if (amount > 1) total = 1; total = 3;'), 'f');
  assert.deepEqual(succ(b, one(b, 'amount > 1')), ['true→total = 1;', 'false→total = 3;']);
});

test('while: body back to the condition; break leaves, continue goes to the condition', () => {
  const b = cfgOf(contract('while (amount < 10) { if (amount == 3) break; amount++; if (amount == 5) continue; total++; } total = 0;'), 'f');
  const head = one(b, 'amount < 10');
  assert.deepEqual(succ(b, head), ['true→amount == 3', 'false→total = 0;']);
  assert.deepEqual(succ(b, one(b, 'break')), ['next→total = 0;']);
  assert.deepEqual(succ(b, one(b, 'continue')), ['next(back)→amount < 10']);
  assert.deepEqual(succ(b, one(b, 'total++')), ['next(back)→amount < 10']);
});

test('for: init once, continue goes to the update, the update back to the condition', () => {
  const b = cfgOf(contract('for (uint256 i = 0; i < amount; i++) { if (i == 2) continue; total += i; } total = 0;'), 'f');
  assert.deepEqual(succ(b, one(b, 'uint256 i = 0')), ['next→i < amount']);
  const update = b.cfg.nodes.find((n) => n.statement?.type === 'ForStatement' && n.kind === 'statement')!;
  assert.ok(update, 'the update i++ has a node');
  assert.deepEqual(
    one(b, 'continue').out.map((e) => e.to),
    [update],
  );
  assert.deepEqual(succ(b, update), ['next(back)→i < amount']);
  assert.deepEqual(succ(b, one(b, 'i < amount')), ['true→i == 2', 'false→total = 0;']);
});

test('for (;;) leaves only through break or return', () => {
  const b = cfgOf(contract('for (;;) { if (amount == 0) break; amount--; } total = 1;'), 'f');
  const head = b.cfg.nodes.find((n) => n.kind === 'loop')!;
  assert.deepEqual(succ(b, head), ['next→amount == 0']);
  assert.deepEqual(succ(b, one(b, 'break')), ['next→total = 1;']);
  assert.ok(reachable(one(b, 'amount--'), head));
});

test('do-while: the body runs before the condition, whose true edge goes back', () => {
  const b = cfgOf(contract('do { amount--; if (amount == 7) continue; } while (amount > 0); total = 1;'), 'f');
  const head = b.cfg.nodes.find((n) => n.kind === 'loop')!;
  assert.deepEqual(succ(b, b.cfg.entry), ['next→loop']);
  assert.deepEqual(succ(b, head), ['next→amount--;']);
  assert.deepEqual(succ(b, one(b, 'amount > 0')), ['true(back)→loop', 'false→total = 1;']);
  assert.deepEqual(succ(b, one(b, 'continue')), ['next→amount > 0']);
});

test('return goes to exit; code after it is unreachable', () => {
  const b = cfgOf(contract('if (amount == 0) return; total = 1; return; total = 2;'), 'f');
  const [first, second] = all(b, 'return');
  assert.deepEqual(succ(b, first), ['next→exit']);
  assert.deepEqual(succ(b, second), ['next→exit']);
  assert.equal(one(b, 'total = 2').in.length, 0);
  assert.ok(!reachable(b.cfg.entry, one(b, 'total = 2')));
});

test('revert(..), revert E(..) and throw lead to the revert exit', () => {
  const b = cfgOf(contract('if (amount == 1) revert("one"); if (amount == 2) revert NotOwner(); if (amount == 3) { revert(); } total = 1;'), 'f');
  for (const s of ['revert("one")', 'revert NotOwner()', 'revert();']) assert.deepEqual(succ(b, one(b, s)), ['next→revert'], s);
  const legacy = cfgOf('pragma solidity ^0.4.24;\ncontract L { uint x; function f(uint a) { if (a == 0) throw; x = a; } }', 'f');
  assert.deepEqual(succ(legacy, one(legacy, 'throw')), ['next→revert']);
  assert.deepEqual(succ(legacy, one(legacy, 'a == 0')), ['true→throw;', 'false→x = a;']);
});

test('require and assert: a condition node whose false edge reverts', () => {
  const b = cfgOf(contract('require(amount > 0, "zero"); assert(total >= amount); total -= amount;'), 'f');
  const r = one(b, 'require');
  assert.equal(r.kind, 'condition');
  assert.equal(text(b, { ...r, ast: r.condition! }), 'amount > 0');
  assert.deepEqual(succ(b, r), ['false→revert', 'true→assert(total >= amount);']);
  assert.deepEqual(succ(b, one(b, 'assert')), ['false→revert', 'true→total -= amount;']);
  assert.deepEqual(
    r.out.map((e) => e.holds),
    [false, true],
  );
});

test('a checking helper given by the caller becomes a condition too', () => {
  const src = contract('_ensure(msg.sender == owner); total = 1;', 'function _ensure(bool c) internal pure { require(c); }');
  const plain = cfgOf(src, 'f');
  assert.equal(one(plain, '_ensure').kind, 'statement');
  const b = cfgOf(src, 'f', { checksArgument: (call, i) => i === 0 && (call.expression as Node).name === '_ensure' });
  assert.deepEqual(succ(b, one(b, '_ensure')), ['false→revert', 'true→total = 1;']);
});

test('a helper known to always revert ends its path like revert', () => {
  const b = cfgOf(contract('if (amount == 0) _fail(); total = 1;', 'function _fail() internal pure { revert(); }'), 'f', {
    alwaysReverts: (call) => (call.expression as Node).name === '_fail',
  });
  assert.deepEqual(succ(b, one(b, '_fail')), ['next→revert']);
});

test('selfdestruct and suicide end the function', () => {
  const b = cfgOf(contract('if (amount == 0) { selfdestruct(payable(to)); } total = 1;'), 'f');
  assert.deepEqual(succ(b, one(b, 'selfdestruct')), ['next→exit']);
  const legacy = cfgOf('pragma solidity ^0.4.24;\ncontract L { function k() { suicide(msg.sender); } }', 'k');
  assert.deepEqual(succ(legacy, one(legacy, 'suicide')), ['next→exit']);
});

test('try/catch: a success edge to the body, a catch edge to each clause, uncaught failure reverts', () => {
  const b = cfgOf(
    contract(
      'try this.g(amount) returns (uint256 y) { total = y; } catch Error(string memory r) { total = 1; } catch Panic(uint256 c) { total = 2; } total = 3;',
      'function g(uint256 a) external returns (uint256) { return a; }',
    ),
    'f',
  );
  const t = one(b, 'this.g(amount)');
  assert.equal(t.kind, 'try');
  assert.deepEqual(succ(b, t), [
    'success→total = y;',
    'catch→catch Error(string memory r) { total = 1; }',
    'catch→catch Panic(uint256 c) { total = 2; }',
    'uncaught→revert',
  ]);
  for (const s of ['total = y', 'total = 1', 'total = 2']) assert.deepEqual(succ(b, one(b, s)), ['next→total = 3;'], s);
  const catchAll = cfgOf(contract('try this.g(amount) { total = 1; } catch { total = 2; }', 'function g(uint256 a) external {}'), 'f');
  assert.deepEqual(succ(catchAll, one(catchAll, 'this.g')), ['success→total = 1;', 'catch→catch { total = 2; }']);
  const bytesClause = cfgOf(contract('try this.g(amount) { } catch (bytes memory e) { total = 2; }', 'function g(uint256 a) external {}'), 'f');
  assert.deepEqual(succ(bytesClause, one(bytesClause, 'this.g')).sort(), ['catch→catch (bytes memory e) { total = 2; }', 'success→exit']);
});

test('unchecked blocks flag their nodes, and only theirs', () => {
  const b = cfgOf(contract('total = 1; unchecked { total += amount; if (amount > 2) { balances[to]++; } } total = 2;'), 'f');
  assert.equal(one(b, 'total = 1').unchecked, false);
  assert.equal(one(b, 'total += amount').unchecked, true);
  assert.equal(one(b, 'amount > 2').unchecked, true);
  assert.equal(one(b, 'balances[to]++').unchecked, true);
  assert.equal(one(b, 'total = 2').unchecked, false);
});

test('inline assembly is one opaque node; return/stop and revert inside it are possible exits', () => {
  const b = cfgOf(
    contract('assembly { let s := sload(0) } assembly { if iszero(amount) { return(0, 0) } } assembly { if iszero(amount) { revert(0, 0) } } total = 1;'),
    'f',
  );
  const [plain, returns, reverts] = b.cfg.nodes.filter((n) => n.kind === 'assembly');
  assert.deepEqual([plain.mayExit, plain.mayRevert], [undefined, undefined]);
  assert.deepEqual(succ(b, plain).length, 1);
  assert.equal(returns.mayExit, true);
  assert.deepEqual(succ(b, returns), ['exit→exit', `next→${text(b, reverts)}`]);
  assert.equal(reverts.mayRevert, true);
  assert.deepEqual(succ(b, reverts), ['exit→revert', 'next→total = 1;']);
});

test('a ternary in a condition stays one expression', () => {
  const b = cfgOf(contract('if (amount > 1 ? to != address(0) : false) total = 1;'), 'f');
  const c = one(b, 'amount > 1 ?');
  assert.equal(c.condition?.type, 'Conditional');
  assert.deepEqual(succ(b, c), ['true→total = 1;', 'false→exit']);
});

test('modifiers: their bodies run in order around the function body', () => {
  const src = contract(
    '',
    `modifier logged() { total += 1; _; total -= 1; }
  function g() public onlyOwner logged { balances[msg.sender] = 0; }`,
  );
  const b = cfgOf(src, 'g');
  assert.deepEqual(order(b), ['require(msg.sender == owner, "not owner");', 'total += 1;', 'balances[msg.sender] = 0;', 'total -= 1;']);
  assert.deepEqual(succ(b, one(b, 'require')), ['false→revert', 'true→total += 1;']);
  assert.deepEqual(succ(b, one(b, 'balances')), ['next→total -= 1;']);
  assert.equal(one(b, 'require').origin?.definition.name, 'onlyOwner');
  assert.equal(one(b, 'balances').origin, undefined);
});

test('a modifier with two `_` runs the rest twice, as two copies', () => {
  const src = contract('', `modifier twice() { _; total = 0; _; }\n  function g() public twice { total += 1; }`);
  const b = cfgOf(src, 'g');
  assert.deepEqual(order(b), ['total += 1;', 'total = 0;', 'total += 1;']);
  const [first, second] = all(b, 'total += 1');
  assert.deepEqual(succ(b, first), ['next→total = 0;']);
  assert.deepEqual(succ(b, second), ['next→exit']);
  assert.equal(b.cfg.byAst.get(first.ast!)!.length, 2);
});

test('return in the body continues after `_` in the modifier; in the outer modifier it ends the function', () => {
  const src = contract(
    '',
    `modifier outer() { if (total == 9) return; _; total = 7; }
  modifier inner() { _; total = 8; }
  function g() public outer inner { if (total == 1) return; total = 2; }`,
  );
  const b = cfgOf(src, 'g');
  const [early, body] = all(b, 'return');
  assert.deepEqual(succ(b, early), ['next→exit']);
  assert.deepEqual(succ(b, body), ['next→total = 8;']);
  assert.deepEqual(succ(b, one(b, 'total = 8')), ['next→total = 7;']);
});

test('an unknown modifier or base constructor is an opaque node, the rest follows', () => {
  const src = contract('', `function g() public nonReentrant { total = 1; }\n  constructor() Base(1) onlyOwner { total = 2; }`);
  const b = cfgOf(src, 'g');
  assert.deepEqual(order(b), ['nonReentrant', 'total = 1;']);
  assert.equal(b.cfg.nodes[3].kind, 'modifier');
  const parsed = parseSource(src);
  const ctor = functionsOf(parsed.ast).find((f) => f.fn.isConstructor)!;
  const c = buildCfg(ctor.fn, { contract: ctor.contract });
  assert.deepEqual(
    c.nodes.slice(3).map((n) => n.kind),
    ['modifier', 'condition', 'statement'],
  );
});

test('a modifier parameter maps to the argument of its invocation', () => {
  const src = contract(
    '',
    `modifier onlyRole(bytes32 role, address who) { require(hasRole[role][who]); _; }
  mapping(bytes32 => mapping(address => bool)) hasRole;
  function g() public onlyRole(keccak256("MINTER"), msg.sender) { total = 1; }`,
  );
  const b = cfgOf(src, 'g');
  const check = one(b, 'require');
  const arg = (name: string) => {
    const a = modifierArgument(check.origin!, name);
    return a?.range ? src.slice(a.range[0], a.range[1] + 1) : a;
  };
  assert.deepEqual([arg('role'), arg('who'), arg('other')], ['keccak256("MINTER")', 'msg.sender', undefined]);
});

test('the lookup callback supplies modifiers from elsewhere (another contract, another file)', () => {
  const src = `contract A { modifier guarded() { require(msg.sender == address(1)); _; } }
contract B { uint x; function g() public guarded { x = 1; } }`;
  const parsed = parseSource(src);
  const a = functionsOf(parsed.ast);
  const g = a.find((f) => f.fn.name === 'g')!;
  const modifier = (parsed.ast!.children[0] as Node).subNodes as Node[];
  const cfg = buildCfg(g.fn, { lookupModifier: (inv) => modifier.find((m) => m.name === inv.name) });
  assert.deepEqual(
    cfg.nodes.slice(3).map((n) => n.kind),
    ['condition', 'statement'],
  );
});

test('the node budget stops expanding `_` and says so', () => {
  const src = contract('', `modifier many() { _; _; _; _; }\n  function g() public many many many many many many { total += 1; }`);
  const b = cfgOf(src, 'g', { maxNodes: 200 });
  assert.equal(b.cfg.truncated, true);
  assert.ok(b.cfg.nodes.length < 400);
  assert.ok(b.cfg.nodes.some((n) => n.kind === 'opaque'));
  assert.ok(reachable(b.cfg.entry, b.cfg.exit));
});

test('legacy 0.4 syntax: .call.value()(), throw, constructor named after the contract', () => {
  const src = `pragma solidity ^0.4.24;
contract Bank {
  mapping(address => uint) balances;
  function Bank() public { balances[msg.sender] = 1; }
  function withdraw(uint x) public {
    if (!msg.sender.call.value(x)()) throw;
    balances[msg.sender] -= x;
  }
}`;
  const b = cfgOf(src, 'withdraw');
  assert.deepEqual(succ(b, one(b, '!msg.sender.call.value(x)()')), ['true→throw;', 'false→balances[msg.sender] -= x;']);
  assert.deepEqual(order(cfgOf(src, 'Bank')), ['balances[msg.sender] = 1;']);
});

test('half-typed shapes never throw: missing fields become opaque or are skipped', () => {
  const weird: Node[] = [
    { type: 'IfStatement', condition: null, trueBody: undefined, falseBody: null },
    { type: 'WhileStatement', condition: undefined, body: null },
    { type: 'DoWhileStatement' },
    { type: 'TryStatement', expression: null, body: null, catchClauses: [null, { type: 'CatchClause' }] },
    { type: 'ExpressionStatement', expression: { type: 'FunctionCall', expression: null, arguments: null } },
    { type: 'ExpressionStatement', expression: { type: 'FunctionCall', expression: { type: 'Identifier', name: 'require' } } },
    { type: 'InlineAssemblyStatement', body: null },
    { type: 'SomethingNew', value: 1 },
    { type: 'Block', statements: [null, 3, { type: 'BreakStatement' }] },
    { type: 'UncheckedStatement', block: null },
    // Last, as a missing condition is `for (;;)`: nothing after it runs.
    { type: 'ForStatement', initExpression: null, conditionExpression: null, loopExpression: null, body: null },
  ];
  const fn: Node = { type: 'FunctionDefinition', name: 'f', modifiers: [null, { type: 'ModifierInvocation' }], body: { type: 'Block', statements: weird } };
  const cfg = buildCfg(fn);
  assert.ok(reachable(cfg.entry, cfg.nodes.find((n) => n.ast?.type === 'UncheckedStatement' || n.statement?.type === 'ForStatement')!));
  assert.ok(reachable(cfg.entry, cfg.nodes.find((n) => n.ast?.type === 'SomethingNew')!), 'an unknown statement is an opaque node on the path');
  assert.ok(cfg.nodes.some((n) => n.kind === 'opaque'));
  for (const odd of [{ type: 'FunctionDefinition' }, { type: 'FunctionDefinition', body: null, modifiers: 'x' }, { type: 'X', body: { type: 'Block' } }]) {
    const c = buildCfg(odd as Node);
    assert.deepEqual(succ({ src: '', cfg: c, fn: odd as Node }, c.entry), ['next→exit']);
  }
  const throwing = buildCfg(
    { type: 'FunctionDefinition', modifiers: [{ type: 'ModifierInvocation', name: 'm' }], body: { type: 'Block', statements: [] } },
    {
      lookupModifier: () => {
        throw new Error('model not ready');
      },
    },
  );
  assert.ok(reachable(throwing.entry, throwing.exit), 'a throwing callback gives the opaque fallback graph');
});

test('a function the parser had to leave out of a broken file does not stop the others', () => {
  const parsed = parseSource('contract C { uint x; function ok() public { x = 1; } function broken() public { x = ; } }');
  const fns = functionsOf(parsed.ast);
  assert.deepEqual(
    fns.map((f) => f.fn.name),
    ['ok'],
  );
  const cfg = buildCfg(fns[0].fn, { contract: fns[0].contract });
  assert.equal(cfg.nodes.length, 4);
});

test('real code: every OpenZeppelin function of a sample gives a well-formed graph that loses no statement', () => {
  const oz = dirname(createRequire(__filename).resolve('@openzeppelin/contracts/package.json'));
  const sample = [
    'utils/Address.sol',
    'governance/Governor.sol',
    'access/manager/AccessManager.sol',
    'utils/ReentrancyGuard.sol',
    'token/ERC20/ERC20.sol',
    'token/ERC20/utils/SafeERC20.sol',
    'utils/math/Math.sol',
    'access/Ownable.sol',
  ];
  let functions = 0;
  for (const file of sample) {
    const parsed = parseSource(readFileSync(join(oz, file), 'utf8'));
    for (const { fn, contract: c } of functionsOf(parsed.ast)) {
      const cfg = buildCfg(fn, { contract: c });
      functions++;
      const where = `${file} ${String(fn.name)}`;
      assert.deepEqual([cfg.exit.out.length, cfg.revert.out.length], [0, 0], where);
      for (const n of cfg.nodes) {
        for (const e of n.out) assert.ok(e.from === n && e.to.in.includes(e), where);
        if (n.kind === 'condition') {
          assert.deepEqual(n.out.map((e) => e.kind).sort(), ['false', 'true'], where);
          assert.ok(
            n.out.every((e) => e.condition === n.condition),
            where,
          );
        }
        if (!['entry', 'exit', 'revert', 'loop'].includes(n.kind)) assert.ok(n.ast, where);
      }
      const lost: string[] = [];
      const visit = (s: unknown) => {
        if (!s || typeof s !== 'object') return;
        const st = s as Node;
        if (st.type === 'Block') return (st.statements as unknown[]).forEach(visit);
        if (st.type === 'UncheckedStatement') return visit(st.block);
        if (!cfg.byAst.has(st)) lost.push(st.type);
        if (st.type === 'InlineAssemblyStatement') return;
        for (const field of ['trueBody', 'falseBody', 'body']) visit(st[field]);
        if (Array.isArray(st.catchClauses)) st.catchClauses.forEach((c: Node) => visit(c.body));
      };
      if (fn.body) visit(fn.body);
      assert.deepEqual(lost, [], where);
    }
  }
  assert.ok(functions > 150, `${functions} functions`);
});
