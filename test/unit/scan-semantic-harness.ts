// A file edited in place and matched unit by unit, each scan checked against a whole-file scan of a fresh project
// (scan-semantic-units.test.ts, scan-semantic-cutoff.test.ts); while a member does not parse, or a name that names
// nothing is typed in it, against that of the last good text (scan-kept-oracle.ts).
import assert from 'node:assert/strict';
import { scanParsed, UnitMemory, type Finding, type ScanResult } from '../../server/src/engine';
import { parseSource, type ParsedSource } from '../../server/src/engine/parse';
import { SemanticProject } from '../../server/src/engine/semantics';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { assertKept, assertTyping } from './scan-kept-oracle';

const FINDINGS: Finding[] = loadBuiltinPacks().flatMap((p) => p.findings);

/**
 * A file edited in place and matched unit by unit, each scan checked against a whole-file scan of a fresh project.
 * `scan` returns what `report` picks from the result; `edit` replaces text and reparses incrementally.
 */
export function editedFile(path: string, initial: string, report: (r: ScanResult) => string[]) {
  const state = { text: initial, parsed: parseSource(initial) };
  let good = state.parsed;
  const project = new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
  const memory = new UnitMemory();
  const semantic = () => {
    project.update(path, state.parsed);
    return { project, path };
  };
  return {
    memory,
    text: () => state.text,
    scan: () => {
      const units = scanParsed(state.parsed, FINDINGS, { memory, semantic });
      const whole = (parsed: typeof good) => {
        const project = new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
        project.update(path, parsed);
        return scanParsed(parsed, FINDINGS, { semantic: { project, path } });
      };
      if (memory.last.kept === 'broken') assertKept(units, good, state.parsed, whole(good));
      else if (memory.last.kept === 'typing') assertTyping(units, good, state.parsed, whole(good));
      else {
        assert.deepEqual(units, whole(state.parsed));
        good = state.parsed;
      }
      return report(units);
    },
    edit: (from: string, to: string) => {
      assert.ok(state.text.includes(from), from);
      state.text = state.text.replace(from, to);
      state.parsed = parseSource(state.text, state.parsed);
    },
    /** `remove` characters at `at` replaced by `insert`, as a keystroke or a paste does. */
    splice: (at: number, remove: number, insert: string) => {
      state.text = state.text.slice(0, at) + insert + state.text.slice(Math.min(state.text.length, at + remove));
      state.parsed = parseSource(state.text, state.parsed);
    },
  };
}

/** A contract of guard helpers, value-sending helpers and selector lists (scan-semantic-cutoff.test.ts, scan-reuse.test.ts). */
export const GATE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Gate {
    address public owner;
    address public pendingOwner;
    address public implementation;
    uint256 public total;
    uint256 public fee;
    mapping(address => uint256) public balances;
    mapping(bytes4 => bool) public paused;

    modifier onlyOwner() {
        _checkOwner();
        _;
    }

    function _checkOwner() internal view {
        require(msg.sender == owner, "owner");
    }

    function setOwner(address o) external onlyOwner {
        owner = o;
    }

    function upgradeTo(address impl) external onlyOwner {
        implementation = impl;
    }

    function setFee(uint256 f) external {
        _checkOwner();
        fee = f;
    }

    function pauseAll() external onlyOwner {
        paused[this.withdraw.selector] = true;
        paused[this.deposit.selector] = true;
    }

    function isPaused(bytes calldata data) public view returns (bool) {
        bytes4 sel = bytes4(data);
        return sel == this.setOwner.selector || paused[sel];
    }

    function deposit() external payable {
        balances[msg.sender] += msg.value;
        total += msg.value;
    }

    function _pay(address to, uint256 amount) internal {
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }

    function withdraw(uint256 amount) external {
        require(balances[msg.sender] >= amount);
        _pay(msg.sender, amount);
        balances[msg.sender] -= amount;
    }

    function sweep(address to) external onlyOwner {
        _pay(to, address(this).balance);
    }

    function scaled(uint256 a, uint256 b) external view returns (uint256) {
        return a * b / total;
    }

    function claim() external {
        pendingOwner = msg.sender;
    }
}
`;

/** The check `Base._guard()` makes of the caller; `GUARDED_MAIN.setFee` is guarded by it alone (HS-INPUT-002). */
export const GUARD_CHECK = 'require(msg.sender == owner);';
export const GUARDED_BASE = {
  path: '/hindsight-test/Base.sol',
  text: `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Base {
    address public owner;

    function _guard() internal view {
        ${GUARD_CHECK}
    }
}
`,
};
export const GUARDED_MAIN = {
  path: '/hindsight-test/Main.sol',
  text: `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Base.sol";

contract Main is Base {
    uint256 public fee;

    function setFee(uint256 f) external {
        _guard();
        fee = f;
    }
}
`,
};

/** A project built from scratch on in-memory texts, which are all it can read. */
export function projectOfTexts(texts: ReadonlyMap<string, ParsedSource>): SemanticProject {
  const p = new SemanticProject({ host: { readFile: (f) => texts.get(f)?.text, exists: (f) => texts.has(f) } });
  for (const [f, parsed] of texts) p.update(f, parsed);
  return p;
}
