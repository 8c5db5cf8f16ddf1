// An `all` whose every candidate must pass an item that fails for the whole file is not matched at all
// (scan-precheck.ts): a library has no contract for a `contract: kind: [contract]` filter, a file without a
// constructor has nothing for `inside: constructor(...) { ... }` to enclose. The findings still report where
// those items can hold, and a library's scan then never walks its tree for them. An `all` that must be `inside` a
// pattern binding nothing tries its first pattern only on the nodes such a match holds, with the same result. An
// `all` whose first pattern needs a word the file lacks asks none of its other items (a whole-file contract pattern).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFinding, scanParsed, type Finding, type MatchNode } from '../../server/src/engine';
import { parseSource } from '../../server/src/engine/parse';
import { indexOf } from '../../server/src/engine/scan-index';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { finding, PACK } from './engine-helpers';

const ALL: Finding[] = loadBuiltinPacks().flatMap((p) => p.findings);
const pick = (...ids: string[]) => ALL.filter((f) => ids.includes(f.id));

const LIBRARY = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

library Counters {
    function bump(uint256 x) internal pure returns (uint256) {
        uint256 y = x + 1;
        bool done = true;
        return y;
    }
}
`;

const CONTRACT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "./Initializable.sol";

contract Flagged is Initializable {
    bool transient entered;
    address public owner;

    constructor() {
        owner = msg.sender;
    }

    function enter() external {
        entered = true;
    }
}
`;

test('findings whose items fail for the whole file are not matched, and report where they hold', () => {
  const findings = pick('HS-TRANSIENT-001', 'HS-ACCESS-015', 'HS-LOGIC-005');
  assert.equal(findings.length, 3);
  const library = parseSource(LIBRARY);
  assert.deepEqual(scanParsed(library, findings).occurrences, []);
  assert.equal(indexOf(library).deepReady(), false, 'the library was walked');

  const contract = parseSource(CONTRACT);
  const ids = scanParsed(contract, findings).occurrences.map((o) => `${o.findingId}@${o.range.start.line}`);
  assert.ok(ids.includes('HS-TRANSIENT-001@14'), `a transient flag set and never cleared: ${ids}`);
  assert.ok(ids.includes('HS-ACCESS-015@10'), `an upgradeable contract's constructor sets its owner: ${ids}`);
});

const UNCHECKED = `pragma solidity ^0.8.24;
contract Sums {
    uint256 total;
    function add(uint256 a, uint256 b) external returns (uint256 c) {
        c = a + b;
        unchecked {
            total += a * b;
            for (uint256 i = 0; i < a; ++i) {
                unchecked { c = c - i + f(i); }
            }
        }
        if (a > b) unchecked { return a - b; }
    }
    function f(uint256 x) internal pure returns (uint256) { unchecked { return x << 1; } }
    function g(uint256 x) internal pure returns (uint256) { return x + 1; }
}
`;

test('an all inside a pattern that binds nothing finds what it finds when every node is tried', () => {
  const firsts = ['$OP', '$A + $B', '$X', '$F(...)', '$A - $B', 'total += $E;', 'return $E;'];
  const insides = ['unchecked { ... }', 'function g(...) { ... }', 'function f(...) { ... }', 'c = a + b;'];
  for (const first of firsts) {
    for (const inside of insides) {
      const narrowed: MatchNode = { all: [{ pattern: first }, { inside: { pattern: inside } }] };
      // The same finding written so that it is not narrowed: the `inside` item is an `any`.
      const plain: MatchNode = { all: [{ pattern: first }, { inside: { any: [{ pattern: inside }] } }] };
      const findings = [compileFinding(finding(narrowed), PACK), compileFinding(finding(plain, { id: 'TEST-002' }), PACK)];
      const [a, b] = [0, 1].map((i) =>
        // Each alone, and both in one scan (the second then finds the first pattern's matches cached).
        [
          scanParsed(parseSource(UNCHECKED), [findings[i]]).occurrences,
          scanParsed(parseSource(UNCHECKED), findings).occurrences.filter((o) => o.findingId === findings[i].id),
        ].map((list) => list.map((o) => JSON.stringify({ ...o, findingId: undefined, fingerprint: undefined }))),
      );
      assert.deepEqual(a, b, `${first} inside ${inside}`);
      if (first === '$OP' && inside === 'unchecked { ... }') assert.ok(a[0].length >= 10, `${a[0].length} matches`);
    }
  }
});

const LOOPS = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Payroll {
    address[] public holders;
    mapping(address => uint256) public owed;

    function payAll() external {
        for (uint256 i = 0; i < holders.length; i++) {
            owed[holders[i]] += 1;
        }
    }
}
`;

test('an all whose first pattern needs a word the file lacks runs none of its whole-file items', () => {
  // HS-INPUT-004: `$ARR.push($P)` inside a contract that loops over the array. No `push` here, while the loop is.
  const findings = pick('HS-INPUT-004');
  assert.equal(findings.length, 1);
  const parsed = parseSource(LOOPS);
  assert.deepEqual(scanParsed(parsed, findings).occurrences, []);
  const contractPatterns = [...indexOf(parsed).patterns.keys()].filter((p) => p.trimStart().startsWith('contract'));
  assert.deepEqual(contractPatterns, [], 'the contract patterns of its `inside` were not matched over the file');
  // With a push, they are, and the finding reports it.
  const pushing = parseSource(
    LOOPS.replace(
      'function payAll()',
      'function join(address a) external onlyOwner { holders.push(a); }\n    modifier onlyOwner() { require(msg.sender == holders[0]); _; }\n    function payAll()',
    ),
  );
  const ids = scanParsed(pushing, findings).occurrences.map((o) => o.findingId);
  assert.ok(
    [...indexOf(pushing).patterns.keys()].some((p) => p.trimStart().startsWith('contract')),
    `${ids}`,
  );
});
