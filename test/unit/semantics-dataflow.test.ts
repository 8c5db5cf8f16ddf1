// Use of results: a call's result is checked when it reaches a condition, a require/assert, a return or a
// checking helper, directly or through locals and tuples; discarded, stored and never tested, or overwritten
// before any test, it is unchecked. Reaching definitions underneath.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseSource } from '../../server/src/engine/parse';
import { buildCfg, type Node } from '../../server/src/engine/semantics/cfg';
import { functionsOf, walk } from '../../server/src/engine/semantics/cfg-ast';
import {
  checkingHelpersIn,
  checksParameter,
  isResultChecked,
  reachingDefinitions,
  resultUse,
  type ResultUse,
} from '../../server/src/engine/semantics/dataflow';
import { cfgOf, contract, one, type Built } from './semantics-cfg-helpers';

/** The first FunctionCall whose source text starts with `snippet`, anywhere in the graph. */
function callAt(b: Built, snippet: string): Node {
  for (const n of b.cfg.nodes) {
    if (!n.ast) continue;
    let found: Node | undefined;
    walk(n.ast, (x) => {
      if (found) return false;
      const r = x.range;
      if (x.type === 'FunctionCall' && r && b.src.slice(r[0], r[1] + 1).startsWith(snippet)) found = x;
    });
    if (found) return found;
  }
  throw new Error(`no call ${snippet}`);
}

function use(body: string, snippet: string, members = '', options = {}): ResultUse {
  const b = cfgOf(contract(body, members), 'f');
  return resultUse(b.cfg, callAt(b, snippet), options);
}

const brief = (u: ResultUse) => `${u.checked ? 'checked' : 'unchecked'} ${u.how}`;

const IERC20 = 'IERC20 token;';
const CASES: [string, string, string, string][] = [
  // [what, body, call, expected]
  ['discarded', 'token.transfer(to, amount);', 'token.transfer', 'unchecked discarded'],
  ['required directly', 'require(token.transfer(to, amount), "failed");', 'token.transfer', 'checked require'],
  ['asserted', 'assert(payable(to).send(amount));', 'payable(to).send', 'checked require'],
  ['if (!send) revert', 'if (!payable(to).send(amount)) revert();', 'payable(to).send', 'checked condition'],
  ['in a ternary condition', 'total = payable(to).send(amount) ? 1 : 0;', 'payable(to).send', 'checked condition'],
  ['stored in a local, never tested', 'bool ok = token.transfer(to, amount); total = 1;', 'token.transfer', 'unchecked unused'],
  ['local then if (!ok)', 'bool ok = payable(to).send(1); if (!ok) { revert(); }', 'payable(to).send', 'checked condition'],
  ['local then require', 'bool ok = token.transfer(to, amount); require(ok, "failed");', 'token.transfer', 'checked require'],
  ['tuple destructuring then require', '(bool ok, ) = to.call{value: amount}(""); require(ok);', 'to.call', 'checked require'],
  ['tuple with data, the flag never read', '(bool ok, bytes memory data) = to.call{value: amount}(""); total = data.length;', 'to.call', 'unchecked unused'],
  ['tuple without the flag', '(, bytes memory data) = to.call{value: amount}(""); require(data.length > 0);', 'to.call', 'unchecked discarded'],
  ['assigned later then tested', 'bool ok; ok = payable(to).send(1); require(ok);', 'payable(to).send', 'checked require'],
  ['tuple assignment then tested', 'bool ok; bytes memory d; (ok, d) = to.call(""); if (ok) { total = 1; }', 'to.call', 'checked condition'],
  ['reassignment kills', 'bool ok = payable(to).send(1); ok = true; require(ok);', 'payable(to).send', 'unchecked unused'],
  ['reassigned on one path only', 'bool ok = payable(to).send(1); if (amount > 1) { ok = true; } require(ok);', 'payable(to).send', 'checked require'],
  ['through a second local', 'bool ok = payable(to).send(1); bool good = ok && amount > 0; require(good);', 'payable(to).send', 'checked require'],
  [
    'tested before use, in a loop condition',
    'bool ok = payable(to).send(1); while (!ok) { ok = payable(to).send(1); }',
    'payable(to).send',
    'checked condition',
  ],
  ['test before the call does not count', 'bool ok = true; require(ok); ok = payable(to).send(1);', 'payable(to).send', 'unchecked unused'],
  ['stored to state', 'lastOk = payable(to).send(1);', 'payable(to).send', 'unchecked assigned'],
  ['emitted only', 'bool ok = payable(to).send(1); emit Sent(ok);', 'payable(to).send', 'unchecked passed'],
  ['passed to an unknown function', 'bool ok = payable(to).send(1); _log(ok);', 'payable(to).send', 'unchecked passed'],
  ['compared to false', 'if (payable(to).send(1) == false) revert();', 'payable(to).send', 'checked condition'],
  ['arithmetic is not a check', 'total = token.balanceOf(to) + 1;', 'token.balanceOf', 'unchecked other'],
  [
    'used in assembly (opaque, taken as checked)',
    'bool ok = payable(to).send(1); assembly { if iszero(ok) { revert(0, 0) } }',
    'payable(to).send',
    'checked assembly',
  ],
  ['try with returns, the flag ignored', 'try token.transfer(to, amount) returns (bool ok) { total = 1; } catch {}', 'token.transfer', 'unchecked unused'],
  ['try with returns, the flag tested', 'try token.transfer(to, amount) returns (bool ok) { require(ok); } catch {}', 'token.transfer', 'checked require'],
  ['try without returns', 'try this.g() { total = 1; } catch {}', 'this.g', 'checked try'],
];

const MEMBERS = `${IERC20}
  bool lastOk;
  event Sent(bool ok);
  function _log(bool b) internal {}
  function g() external {}`;

for (const [what, body, call, expected] of CASES) {
  test(`result use: ${what}`, () => {
    assert.equal(brief(use(body, call, MEMBERS)), expected);
  });
}

test('result use: returned directly, or through a named return variable that reaches the exit', () => {
  const src = contract(
    '',
    `function h(address to) public returns (bool) { return payable(to).send(1); }
  function k(address to) public returns (bool ok) { ok = payable(to).send(1); }
  function m(address to) public returns (bool ok) { ok = payable(to).send(1); ok = true; }`,
  );
  for (const [name, expected] of [
    ['h', 'checked return'],
    ['k', 'checked return'],
    ['m', 'unchecked unused'],
  ]) {
    const b = cfgOf(src, name);
    assert.equal(brief(resultUse(b.cfg, callAt(b, 'payable(to).send'))), expected, name);
  }
});

test('result use: the trail of locals is reported', () => {
  const u = use('bool ok = payable(to).send(1); bool good = ok; require(good);', 'payable(to).send');
  assert.deepEqual(
    u.via.map((d) => d.variable),
    ['ok', 'good'],
  );
});

test('legacy 0.4: if (!msg.sender.call.value(x)()) throw; and a bare send', () => {
  const src = `pragma solidity ^0.4.24;
contract L { uint total;
  function f(uint x) public { if (!msg.sender.call.value(x)()) throw; msg.sender.send(x); var ok = msg.sender.send(x); }
}`;
  const b = cfgOf(src, 'f');
  assert.equal(isResultChecked(b.cfg, callAt(b, 'msg.sender.call.value(x)()')), true);
  const sends = b.cfg.nodes.slice(5).map((n) => n.ast!);
  assert.equal(sends.length, 2);
  const [bare, stored] = sends.map((s) => (s.expression ?? s.initialValue) as Node);
  assert.equal(brief(resultUse(b.cfg, bare)), 'unchecked discarded');
  assert.equal(brief(resultUse(b.cfg, stored)), 'unchecked unused');
});

test('a checking helper: a function that requires its parameter; found in the contract', () => {
  const members = `function _verify(bool success, string memory message) internal pure { require(success, message); }
  function _verifyIf(bytes memory data, bool success) internal pure { if (!success) { _revert(data); } }
  function _revert(bytes memory data) private pure { assembly { revert(add(data, 32), mload(data)) } }
  function _noCheck(bool success) internal pure returns (bool) { return !success; }`;
  const src = contract(
    '',
    `${members}
  function a(address to) public { (bool ok, ) = to.call(""); _verify(ok, "call failed"); }
  function b(address to) public { (bool ok, bytes memory d) = to.call(""); _verifyIf(d, ok); }
  function c(address to) public { (bool ok, ) = to.call(""); _noCheck(ok); }`,
  );
  const helpersOf = (b: Built) => checkingHelpersIn(b.contract);
  for (const [name, expected] of [
    ['a', 'checked helper'],
    ['b', 'checked helper'],
    ['c', 'unchecked passed'],
  ]) {
    const b = cfgOf(src, name);
    assert.equal(brief(resultUse(b.cfg, callAt(b, 'to.call'), { checksArgument: helpersOf(b) })), expected, name);
    assert.equal(brief(resultUse(b.cfg, callAt(b, 'to.call'))), 'unchecked passed', `${name} without the contract's helpers`);
  }
  const verify = cfgOf(src, '_verifyIf').fn;
  assert.equal(checksParameter(verify, 1), true);
  assert.equal(checksParameter(verify, 0), false);
  assert.equal(checksParameter(cfgOf(src, '_noCheck').fn, 0), false);
});

test('the caller-given checksArgument also makes the graph branch there', () => {
  const src = contract('(bool ok, ) = to.call(""); _verify(ok); total = 1;', 'function _verify(bool s) internal pure { require(s); }');
  const b0 = cfgOf(src, 'f');
  const helpers = checkingHelpersIn(b0.contract);
  const b = cfgOf(src, 'f', { checksArgument: helpers });
  assert.equal(one(b, '_verify').kind, 'condition');
  assert.equal(isResultChecked(b.cfg, callAt(b, 'to.call'), { checksArgument: helpers }), true);
});

test('a call in a modifier body expanded twice is judged in each copy', () => {
  const src = contract('', `modifier pays(address to) { _; payable(to).send(1); _; }\n  function g(address to) public pays(to) { total = 1; }`);
  const b = cfgOf(src, 'g');
  assert.equal(brief(resultUse(b.cfg, callAt(b, 'payable(to).send'))), 'unchecked discarded');
});

test('reaching definitions: parameters at entry, kills on reassignment, loops carry definitions around', () => {
  const b = cfgOf(contract('uint256 x = amount; if (amount > 1) { x = 2; } total = x; for (uint256 i; i < 3; i++) { x += i; } total = x;'), 'f');
  const rd = reachingDefinitions(b.cfg);
  const names = (snippet: string) =>
    rd
      .reaching(one(b, snippet))
      .filter((d) => d.variable === 'x')
      .map((d) => b.src.slice(d.ast!.range![0], d.ast!.range![1] + 1));
  assert.deepEqual(names('x = 2'), ['uint256 x']);
  const [afterIf, afterLoop] = b.cfg.nodes.filter((n) => n.ast?.range && b.src.slice(n.ast.range[0], n.ast.range[1] + 1) === 'total = x;');
  assert.deepEqual(
    rd
      .reaching(afterIf)
      .filter((d) => d.variable === 'x')
      .map((d) => d.kind),
    ['declaration', 'assignment'],
  );
  assert.deepEqual(
    rd
      .reaching(afterLoop)
      .filter((d) => d.variable === 'x')
      .map((d) => d.kind),
    ['declaration', 'assignment', 'compound'],
  );
  assert.deepEqual(
    rd.madeAt(b.cfg.entry).map((d) => d.variable),
    ['to', 'amount'],
  );
  assert.ok(!rd.defs.some((d) => d.variable === 'total'), 'state variables are not locals');
});

test('half-typed bodies: a missing initial value, an assignment without a right side, a call with no arguments field', () => {
  const fn: Node = {
    type: 'FunctionDefinition',
    parameters: [{ type: 'VariableDeclaration', name: 'a' }],
    body: {
      type: 'Block',
      statements: [
        { type: 'VariableDeclarationStatement', variables: [{ type: 'VariableDeclaration', name: 'ok' }, null], initialValue: null },
        { type: 'ExpressionStatement', expression: { type: 'BinaryOperation', operator: '=', left: { type: 'Identifier', name: 'ok' } } },
        { type: 'ExpressionStatement', expression: { type: 'FunctionCall', expression: { type: 'Identifier', name: 'require' } } },
      ],
    },
  };
  const built = buildCfg(fn);
  const rd = reachingDefinitions(built);
  assert.deepEqual(
    rd.defs.map((d) => `${d.variable}:${d.kind}`),
    ['a:parameter', 'ok:declaration', 'ok:assignment'],
  );
  const call = (fn.body as Node).statements as Node[];
  assert.equal(resultUse(built, call[2].expression as Node).how, 'discarded');
  assert.equal(resultUse(built, { type: 'FunctionCall' }).how, 'unknown');
});

test('real code: Governor checks its low-level calls through Address.verifyCallResult', () => {
  const oz = dirname(createRequire(__filename).resolve('@openzeppelin/contracts/package.json'));
  const address = parseSource(readFileSync(join(oz, 'utils/Address.sol'), 'utf8'));
  const library = functionsOf(address.ast).find((f) => f.fn.name === 'verifyCallResult')!.contract;
  const helpers = checkingHelpersIn(library);
  const governor = parseSource(readFileSync(join(oz, 'governance/Governor.sol'), 'utf8'));
  for (const name of ['_executeOperations', 'relay']) {
    const { fn, contract: c } = functionsOf(governor.ast).find((f) => f.fn.name === name)!;
    const src = governor.text;
    const b: Built = { src, cfg: buildCfg(fn, { contract: c }), fn, contract: c };
    const call = callAt(b, name === 'relay' ? 'target.call' : 'targets[i].call');
    assert.equal(brief(resultUse(b.cfg, call, { checksArgument: helpers })), 'checked helper', name);
    assert.equal(brief(resultUse(b.cfg, call)), 'unchecked passed', `${name} without Address's helpers`);
  }
  const verify = functionsOf(address.ast).find((f) => f.fn.name === 'verifyCallResult')!.fn;
  assert.equal(checksParameter(verify, 0), true, 'success');
  assert.equal(checksParameter(verify, 1), false, 'returndata: both branches of its test revert');
  const fromTarget = functionsOf(address.ast).find((f) => f.fn.name === 'verifyCallResultFromTarget')!.fn;
  assert.equal(checksParameter(fromTarget, 1), true, 'success');
});

test('reaching definitions ask the model which writes are to locals, with the written site', () => {
  const b = cfgOf(contract('uint256 x = amount; x = 2; total = x;'), 'f');
  const asked: string[] = [];
  const rd = reachingDefinitions(b.cfg, (name, site) => {
    asked.push(`${name}:${site?.type}`);
    return name !== 'amount';
  });
  assert.deepEqual(asked, ['to:VariableDeclaration', 'amount:VariableDeclaration', 'x:VariableDeclaration', 'x:Identifier', 'total:Identifier']);
  assert.deepEqual(
    rd.defs.map((d) => `${d.variable}:${d.kind}`),
    ['to:parameter', 'x:declaration', 'x:assignment', 'total:assignment'],
  );
});
