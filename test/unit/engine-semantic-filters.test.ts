// The semantic part of the pack language end to end (compile-semantic.ts, scan-semantic.ts): metavariable kinds
// and types, call, result and arithmetic filters, function facts, followed-by; compile errors that point into the
// finding; the model built lazily; imports through a host and the dependencies a result reports; and open
// documents matched with UnitMemory giving the same result as a fresh scan after edits elsewhere in the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFinding, PatternError, scanSource, type MatchNode } from '../../server/src/engine';
import { parseSource } from '../../server/src/engine/parse';
import { scanParsed } from '../../server/src/engine/scan';
import { UnitMemory } from '../../server/src/engine/scan-units';
import { SemanticProject } from '../../server/src/engine/semantics/project';
import { finding, PACK, scan, texts } from './engine-helpers';

function compileError(match: unknown): PatternError {
  try {
    compileFinding(finding(match as MatchNode), PACK);
  } catch (err) {
    assert.ok(err instanceof PatternError, String(err));
    return err;
  }
  assert.fail('expected a PatternError');
}

function found(match: unknown, src: string): string[] {
  return texts(src, scan(match as MatchNode, src));
}

test('compile: semantic filters are checked once, with paths into the finding', () => {
  let e = compileError({ all: [{ pattern: '$X = $E' }, { where: [{ metavariable: '$X', kind: ['storage'] }] }] });
  assert.match(e.message, /'storage' is not one of: state-variable/);
  assert.deepEqual(e.path, ['match', 'all', 1, 'where', 0, 'kind', 0]);
  e = compileError({ all: [{ pattern: '$X = $E' }, { where: [{ metavariable: '$Y', kind: ['local'] }] }] });
  assert.match(e.message, /uses \$Y, which no positive pattern binds/);
  e = compileError({ all: [{ pattern: '$F(...)' }, { where: [{ result: 'match' }] }] });
  assert.match(e.message, /needs `checked: true` or `checked: false`/);
  e = compileError({ all: [{ pattern: '$F(...)' }, { where: [{ result: '$G', checked: false }] }] });
  assert.match(e.message, /\$G/);
  e = compileError({ all: [{ pattern: '$F(...)' }, { where: [{ call: 'match', 'sends-value': 'yes' }] }] });
  assert.match(e.message, /`sends-value` must be true or false/);
  e = compileError({ all: [{ pattern: '$F(...)' }, { where: [{ call: 'match', checked: true }] }] });
  assert.match(e.message, /`checked` does not go with `call`/);
  e = compileError({ all: [{ pattern: '$F(...)' }, { where: [{ function: { 'sender-guarded': 1 } }] }] });
  assert.match(e.message, /`sender-guarded` must be true or false/);
  e = compileError({ all: [{ pattern: '$F(...)' }, { 'followed-by': { 'state-write': 'sometimes' } }] });
  assert.match(e.message, /`state-write` is `any` or `read-before`/);
  e = compileError({ all: [{ pattern: '$F(...)' }, { 'followed-by': { patern: 'x' } }] });
  assert.match(e.message, /unknown match node `patern`/);
  e = compileError({ all: [{ pattern: '$X = $E' }, { where: [{ metavariable: '$X', type: ['/(/'] }] }] });
  assert.match(e.message, /invalid regex/);
});

const VAULT = `pragma solidity ^0.8.20;
interface IERC20 { function transfer(address, uint256) external returns (bool); }
contract Vault {
  address owner;
  IERC20 token;
  mapping(address => uint256) balances;
  uint256 total;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function _pay(address to, uint256 a) internal { (bool ok, ) = to.call{value: a}(""); require(ok); }
  function withdraw() external {
    uint256 a = balances[msg.sender];
    _pay(msg.sender, a);
    balances[msg.sender] = 0;
  }
  function withdrawCEI() external {
    uint256 a = balances[msg.sender];
    balances[msg.sender] = 0;
    _pay(msg.sender, a);
  }
  function sweep(address to) external { bool ok = token.transfer(to, total); total = 0; }
  function sweepChecked(address to) external onlyOwner { require(token.transfer(to, total)); }
  function add(uint256 a) external { unchecked { total += a; } total = total + a; }
  function setOwner(address o) external { owner = o; }
  function setOwnerGuarded(address o) external onlyOwner { owner = o; }
}`;

test('metavariable kind, type and privileged', () => {
  const m = (where: object) => ({ all: [{ pattern: '$X = $E' }, { where: [{ metavariable: '$X', ...where }] }] });
  assert.deepEqual(found(m({ kind: ['local'] }), VAULT), []);
  assert.deepEqual(found(m({ kind: ['state-variable'], type: ['address'] }), VAULT), ['owner = o', 'owner = o']);
  assert.deepEqual(found(m({ type: ['/^uint/'] }), VAULT), ['balances[msg.sender] = 0', 'balances[msg.sender] = 0', 'total = 0', 'total = total + a']);
  assert.deepEqual(found(m({ privileged: true }), VAULT), ['owner = o', 'owner = o']);
  assert.deepEqual(found({ all: [{ pattern: '$T.transfer(...)' }, { where: [{ metavariable: '$T', kind: ['external-contract'] }] }] }, VAULT), [
    'token.transfer(to, total)',
    'token.transfer(to, total)',
  ]);
});

test('call, result and arithmetic filters', () => {
  assert.deepEqual(found({ all: [{ pattern: '$F(...)' }, { where: [{ call: 'match', 'sends-value': true }] }] }, VAULT), [
    'to.call{value: a}("")',
    '_pay(msg.sender, a)',
    '_pay(msg.sender, a)',
  ]);
  assert.deepEqual(
    found(
      {
        all: [
          { pattern: '$F(...)' },
          {
            where: [
              { call: 'match', token: true },
              { result: 'match', checked: false },
            ],
          },
        ],
      },
      VAULT,
    ),
    ['token.transfer(to, total)'],
  );
  assert.deepEqual(found({ all: [{ pattern: '$A + $B' }, { where: [{ arithmetic: 'match', checked: false }] }] }, VAULT), []);
  assert.deepEqual(found({ all: [{ pattern: '$A += $B' }, { where: [{ arithmetic: 'match', checked: false }] }] }, VAULT), ['total += a']);
});

const LEGACY = `pragma solidity ^0.4.24;
contract Legacy {
  mapping(address => uint256) credit;
  uint256 total;
  function a(uint256 v) public { msg.sender.call.value(v)(); }
  function b(uint256 v) public { bool ok = msg.sender.call.gas(5000).value(v)(); }
  function c(uint256 v) public { require(msg.sender.call.value(v)()); }
  function d(address t) public { t.delegatecall(bytes4(keccak256("x()"))); }
  function e(uint256 v) public { total -= v; credit[msg.sender] += msg.value; total++; }
  function f(uint256 v) public { require(total >= v); total -= v; }
}`;

test('low-level calls, legacy spellings included, and arithmetic risk facts', () => {
  const lowLevel = {
    all: [
      { pattern: '$F(...)' },
      {
        where: [
          { call: 'match', 'low-level': true },
          { result: 'match', checked: false },
        ],
      },
    ],
  };
  assert.deepEqual(found(lowLevel, LEGACY), ['msg.sender.call.value(v)()', 'msg.sender.call.gas(5000).value(v)()', 't.delegatecall(bytes4(keccak256("x()")))']);
  const risky = {
    all: [{ pattern: '$OP' }, { where: [{ arithmetic: 'match', checked: false, 'user-controlled': true, bounded: false, stored: true }] }],
  };
  assert.deepEqual(found(risky, LEGACY), ['total -= v']);
  let e = compileError({ all: [{ pattern: '$OP' }, { where: [{ arithmetic: 'match' }] }] });
  assert.match(e.message, /`arithmetic` needs at least one of: checked, user-controlled, bounded, stored, divides-first/);
  e = compileError({ all: [{ pattern: '$OP' }, { where: [{ arithmetic: 'match', bounded: 'no' }] }] });
  assert.match(e.message, /`bounded` must be true or false/);
});

test('function facts and followed-by: reentrancy and access control stated once', () => {
  const reentrancy = {
    all: [
      { pattern: '$F(...)' },
      { where: [{ call: 'match', 'sends-value': true }, { function: { 'reentrancy-locked': false } }] },
      { 'followed-by': { 'state-write': 'read-before' } },
    ],
  };
  assert.deepEqual(found(reentrancy, VAULT), ['_pay(msg.sender, a)']);
  assert.equal(scan(reentrancy as MatchNode, VAULT)[0].function, 'withdraw');
  const privileged = {
    all: [
      { pattern: '$X = $E' },
      { where: [{ metavariable: '$X', privileged: true }, { function: { 'sender-guarded': false, 'reachable-externally': true } }] },
    ],
  };
  const occ = scan(privileged as MatchNode, VAULT);
  assert.deepEqual(
    occ.map((o) => o.function),
    ['setOwner'],
  );
  const after = {
    all: [{ pattern: '$T.transfer($TO, $A)' }, { 'followed-by': { pattern: 'total = 0' } }],
  };
  assert.deepEqual(found(after, VAULT), ['token.transfer(to, total)']);
});

test('the model is built only when a semantic filter gets a candidate; with a host, imports count', () => {
  let reads = 0;
  const files: Record<string, string> = {
    '/p/Base.sol': 'pragma solidity ^0.8.0;\nabstract contract Base { address internal owner; modifier onlyOwner() { require(msg.sender == owner); _; } }\n',
  };
  const project = new SemanticProject({
    host: {
      readFile: (f) => {
        reads++;
        return files[f];
      },
    },
    root: '/p',
  });
  const src = `pragma solidity ^0.8.0;\nimport "./Base.sol";\ncontract C is Base {\n  function kill() external onlyOwner { selfdestruct(payable(owner)); }\n}\n`;
  const kill = compileFinding(finding({ all: [{ pattern: 'selfdestruct($R)' }, { where: [{ function: { 'sender-guarded': false } }] }] }), PACK);
  const never = compileFinding(finding({ all: [{ pattern: 'delegatecall($R)' }, { where: [{ function: { 'sender-guarded': false } }] }] }), PACK);
  const quiet = scanParsed(parseSource(src), [never], { semantic: { project, path: '/p/C.sol' }, dependencies: true });
  assert.equal(reads, 0);
  assert.equal(quiet.dependencies, undefined);
  const r = scanParsed(parseSource(src), [kill], { semantic: { project, path: '/p/C.sol' }, dependencies: true });
  assert.deepEqual(r.occurrences, []);
  assert.deepEqual(r.dependencies, ['/p/Base.sol']);
  assert.ok(reads > 0);
  // Without the project the modifier comes from nowhere: taken as a guard by its name only.
  assert.deepEqual(scanSource(src, [kill]).occurrences, []);
  assert.equal(scanSource(src.replace(/onlyOwner/g, 'whenReady'), [kill]).occurrences.length, 1);
});

test('open documents: semantic findings are redone on every scan, so an edit elsewhere counts', () => {
  const f = compileFinding(
    finding({ all: [{ pattern: 'selfdestruct($R)' }, { where: [{ function: { 'sender-guarded': false, 'reachable-externally': true } }] }] }),
    PACK,
  );
  const memory = new UnitMemory();
  const v1 = `pragma solidity ^0.8.0;
contract C {
  address owner;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function _kill() internal { selfdestruct(payable(owner)); }
  function kill() external onlyOwner { _kill(); }
}`;
  assert.equal(scanParsed(parseSource(v1), [f], { memory }).occurrences.length, 0);
  // The modifier stops checking: the unit holding selfdestruct did not change, its finding does.
  const v2 = v1.replace('require(msg.sender == owner);', '');
  const edited = scanParsed(parseSource(v2), [f], { memory }).occurrences;
  assert.deepEqual(edited, scanSource(v2, [f]).occurrences);
  assert.equal(edited.length, 1);
  // And a caller elsewhere that is not guarded.
  const v3 = v1.replace('function kill() external onlyOwner { _kill(); }', 'function kill() external { _kill(); }');
  assert.equal(scanParsed(parseSource(v3), [f], { memory }).occurrences.length, 1);
});

test('a name the function declares shadows state of the same name (answered without the model)', () => {
  const src = `pragma solidity ^0.8.0;
contract S {
  address owner;
  function a(address owner) external { owner = msg.sender; }
  function b() external { address owner = msg.sender; if (owner != address(0)) { owner = address(1); } }
  function c() external { owner = msg.sender; }
  function d() external returns (uint256 total) { total = 1; }
}`;
  const state = { all: [{ pattern: '$X = $E' }, { where: [{ metavariable: '$X', kind: ['state-variable'] }] }] };
  assert.deepEqual(
    scan(state as MatchNode, src).map((o) => o.function),
    ['c'],
  );
});

test('payment: ether sent with no calldata, whatever the spelling; a call that runs a function is none', () => {
  const src = `pragma solidity ^0.8.20;
interface IVault { function deposit() external payable; }
contract Pay {
  function a(address payable to, uint256 v, bytes calldata data, IVault vault) external {
    to.transfer(v);
    bool sent = to.send(v);
    (bool ok, ) = to.call{value: v}("");
    (ok, ) = to.call{value: v}(data);
    vault.deposit{value: v}();
    Address.sendValue(to, v);
    sent; ok;
  }
  function b(address to, uint256 v) external { assembly { let ok := call(gas(), to, v, 0, 0, 0, 0) } }
}`;
  const payment = (p: boolean) => ({ all: [{ pattern: '$F(...)' }, { where: [{ call: 'match', 'sends-value': true, payment: p }] }] });
  assert.deepEqual(found(payment(true), src), ['to.transfer(v)', 'to.send(v)', 'to.call{value: v}("")', 'Address.sendValue(to, v)']);
  assert.deepEqual(found(payment(false), src), ['to.call{value: v}(data)', 'vault.deposit{value: v}()']);
  const e = compileError({ all: [{ pattern: '$F(...)' }, { where: [{ call: 'match', payment: 1 }] }] });
  assert.match(e.message, /`payment` must be true or false/);
});
