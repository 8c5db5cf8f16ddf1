// Arithmetic context: checked or unchecked by pragma (below 0.8 without SafeMath), `unchecked { }` blocks and
// SafeMath calls; and division before multiplication through locals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arithmeticSites, divideBeforeMultiply, solidityVersion } from '../../server/src/engine/semantics/arithmetic';
import type { Node } from '../../server/src/engine/semantics/cfg-types';
import { projectOf } from './semantics-summaries-helpers';

/** `source text: operator checked reason` for each arithmetic site of the file. */
function sites(src: string): string[] {
  const fx = projectOf({ '/p/a.sol': src });
  const model = fx.project.model('/p/a.sol');
  return arithmeticSites(model).map(
    (s) => `${slice(src, s.node)}: ${s.checked ? 'checked' : 'unchecked'} ${s.reason}${s.safeMathInScope ? ' (SafeMath in scope)' : ''}`,
  );
}

function slice(src: string, n: Node): string {
  return src.slice(n.range![0], n.range![1] + 1);
}

const SAFE_MATH = `library SafeMath {
  function add(uint256 a, uint256 b) internal pure returns (uint256) { uint256 c = a + b; require(c >= a, "overflow"); return c; }
  function sub(uint256 a, uint256 b) internal pure returns (uint256) { require(b <= a, "underflow"); return a - b; }
}`;

test('0.7 without SafeMath: every operator is unchecked, ++ and compound forms included', () => {
  assert.deepEqual(
    sites(`pragma solidity ^0.7.6;
contract C { uint256 total; mapping(address => uint256) staked;
  function f(uint256 a) public { total += a; staked[msg.sender] = staked[msg.sender] - a; total++; uint256 x = a * 2 ** 3; x--; } }`),
    [
      'total += a: unchecked pre-0.8',
      'staked[msg.sender] - a: unchecked pre-0.8',
      'total++: unchecked pre-0.8',
      'a * 2 ** 3: unchecked pre-0.8',
      '2 ** 3: unchecked pre-0.8',
      'x--: unchecked pre-0.8',
    ],
  );
});

test('0.7 with SafeMath: the library calls are checked, raw operators still are not', () => {
  const src = `pragma solidity ^0.7.0;
${SAFE_MATH}
contract C { using SafeMath for uint256; uint256 total;
  function f(uint256 a) public { total = total.add(a); total = SafeMath.sub(total, 1); total += a; } }`;
  const all = sites(src).filter((s) => !s.startsWith('a + b') && !s.startsWith('a - b'));
  assert.deepEqual(all, [
    'total.add(a): checked safemath (SafeMath in scope)',
    'SafeMath.sub(total, 1): checked safemath (SafeMath in scope)',
    'total += a: unchecked pre-0.8 (SafeMath in scope)',
  ]);
});

test('SafeMath whose file is missing: recognised by the library name and the using directive', () => {
  const src = `pragma solidity ^0.6.12;
import "@openzeppelin/contracts/math/SafeMath.sol";
contract C { using SafeMath for uint256; uint256 total;
  function f(uint256 a) public { total = total.add(a); total = total.mul(2); } }`;
  assert.deepEqual(sites(src), ['total.add(a): checked safemath (SafeMath in scope)', 'total.mul(2): checked safemath (SafeMath in scope)']);
});

test('0.8: checked, except inside unchecked blocks (nested ones too)', () => {
  assert.deepEqual(
    sites(`pragma solidity ^0.8.19;
contract C { mapping(address => uint256) staked; uint256 total;
  function f(uint256 amount) public { total += amount; unchecked { staked[msg.sender] += amount; if (amount > 1) { total -= 1; } } for (uint256 i; i < 3; ) { unchecked { ++i; } } } }`),
    [
      'total += amount: checked checked',
      'staked[msg.sender] += amount: unchecked unchecked-block',
      'total -= 1: unchecked unchecked-block',
      '++i: unchecked unchecked-block',
    ],
  );
});

test('pragma ranges: any admitted version below 0.8.0 makes the file unchecked; no pragma is not claimed', () => {
  const version = (pragma: string) => {
    const fx = projectOf({ '/p/a.sol': `${pragma}\ncontract C {}` });
    return solidityVersion(fx.project.model('/p/a.sol').ast!).admitsPre08;
  };
  assert.equal(version('pragma solidity ^0.4.24;'), true);
  assert.equal(version('pragma solidity >=0.6.0 <0.8.0;'), true);
  assert.equal(version('pragma solidity >=0.7.0;'), true);
  assert.equal(version('pragma solidity >=0.4.22 <0.9.0;'), true);
  assert.equal(version('pragma solidity ^0.8.0;'), false);
  assert.equal(version('pragma solidity 0.8.24;'), false);
  assert.equal(version('pragma solidity >=0.8.4 <0.9.0;'), false);
  assert.equal(version(''), null);
  assert.deepEqual(sites('contract C { uint256 t; function f() public { t += 1; } }'), ['t += 1: checked unknown-version']);
});

test('state variable initialisers and free functions are sites too', () => {
  assert.deepEqual(
    sites(`pragma solidity ^0.5.0;
function twice(uint256 a) pure returns (uint256) { return a * 2; }
contract C { uint256 constant CAP = 10 * 1e18; }`),
    ['a * 2: unchecked pre-0.8', '10 * 1e18: unchecked pre-0.8'],
  );
});

function divMul(src: string, fn = 'f'): string[] {
  const fx = projectOf({ '/p/a.sol': src });
  const model = fx.project.model('/p/a.sol');
  const f = model.contracts()[0].functions.find((x) => x.name === fn)!;
  return divideBeforeMultiply(f.node).map((d) => `${slice(src, d.division)} -> ${slice(src, d.multiplication)}${d.via ? ` via ${d.via}` : ''}`);
}

test('divide before multiply: directly, through a local, through a reassigned local, and compound *=', () => {
  const src = `pragma solidity ^0.8.0;
contract C {
  function f(uint256 a, uint256 b, uint256 c) public pure returns (uint256 r) {
    r = (a / b) * c;
    uint256 share = a / b;
    r += share * c;
    uint256 y = a;
    if (c > 1) y = a / c;
    r += y * b;
    share *= 10;
  }
}`;
  assert.deepEqual(divMul(src), ['a / b -> (a / b) * c', 'a / b -> share * c via share', 'a / c -> y * b via y', 'a / b -> share *= 10 via share']);
});

test('multiply before divide, or a local overwritten before the product, is fine', () => {
  const src = `pragma solidity ^0.8.0;
contract C {
  function f(uint256 a, uint256 b, uint256 c) public pure returns (uint256) {
    uint256 x = a / b;
    x = a * c;
    return (a * c) / b + x * 2;
  }
}`;
  assert.deepEqual(divMul(src), []);
});
