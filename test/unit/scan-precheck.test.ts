// An `all` whose every candidate must pass an item that fails for the whole file is not matched at all
// (scan-precheck.ts): a library has no contract for a `contract: kind: [contract]` filter, a file without a
// constructor has nothing for `inside: constructor(...) { ... }` to enclose. The findings still report where
// those items can hold, and a library's scan then never walks its tree for them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanParsed, type Finding } from '../../server/src/engine';
import { parseSource } from '../../server/src/engine/parse';
import { indexOf } from '../../server/src/engine/scan-index';
import { loadBuiltinPacks } from '../../server/src/packs/load';

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
