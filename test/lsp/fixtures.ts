// A small pack whose findings are easy to trigger and to reason about, and Solidity that triggers them.
// Tests disable the built-in pack so its findings (which evolve) never change what these tests see.

export const PACK_YAML = `name: lsp-test
version: 1.0.0
findings:
  - id: T-CALL
    title: Low-level call with value
    severity: high
    confidence: high
    category: calls
    description: A call with value hands control to the receiver.
    recommendation: Use a pull pattern.
    references:
      - title: Example reference
        url: https://example.com/t-call
    match:
      pattern: '$A.call{value: $V}(...)'
    focus: $A
  - id: T-TRANSFER
    title: Unchecked ERC20 transfer
    severity: medium
    confidence: medium
    category: tokens
    owasp: SC06
    description: The return value is ignored.
    recommendation: Use SafeERC20.
    references:
      - swc: SWC-104
        url: https://swcregistry.io/docs/SWC-104
      - title: "Fixture contest #12: transfer result dropped"
        url: https://example.com/contest/12
        kind: audit
        finding: M-12
    match:
      pattern: $T.transfer($TO, $AMT);
    fix:
      title: Use safeTransfer
      safe: true
      edits:
        - replace: match
          with: $T.safeTransfer($TO, $AMT);
  - id: T-ORIGIN
    title: tx.origin used
    severity: low
    confidence: high
    category: access-control
    description: tx.origin is the original sender.
    recommendation: Use msg.sender.
    references:
      - title: Origin
        url: https://example.com/origin
    match:
      pattern: tx.origin
    fix:
      title: Use msg.sender
      safe: false
      edits:
        - with: msg.sender
`;

export const PACK_PATH = '.hindsight/packs/lsp-test/pack.yaml';

/** Settings every test starts from: only the test pack. */
export const BASE_SETTINGS = { packs: { disabled: ['hindsight-core'] }, debounceMs: 20 };

// Line numbers (0-based) matter to the tests: keep them in sync.
export const VAULT = `pragma solidity ^0.8.0;

interface IERC20 { function transfer(address to, uint256 amount) external returns (bool); }

contract Vault {
    function pay(address a, IERC20 t) external {
        a.call{value: 1}("");
        t.transfer(a, 5);
    }

    function who() external view returns (address) {
        return tx.origin;
    }

    function more(IERC20 t, address b) external {
        t.transfer(b, 7);
    }
}
`;
// T-CALL  line 6, chars 8..9 (focus: `a`)
// T-TRANSFER line 7, chars 8..25 ; line 15, chars 8..25
// T-ORIGIN line 11, chars 15..24

/** A pack finding on the semantic model: `selfdestruct` in a function no sender check guards. */
export const T_KILL = `  - id: T-KILL
    title: selfdestruct anyone can reach
    severity: high
    confidence: medium
    category: access-control
    description: No check of the caller guards it.
    recommendation: Guard it.
    references:
      - title: Example reference
        url: https://example.com/t-kill
    match:
      all:
        - pattern: selfdestruct($R)
        - where:
            - function:
                sender-guarded: false
                reachable-externally: true
`;

/** An imported base whose modifier is the only guard its importers have (line 4, 0-based: the require). */
export const AUTH_GUARDED = `pragma solidity ^0.8.0;
abstract contract Auth {
    address internal owner;
    modifier whenAllowed() {
        require(msg.sender == owner, "no");
        _;
    }
}
`;
/** The same base with its modifier's check gone. */
export const AUTH_LOOSE = AUTH_GUARDED.replace('        require(msg.sender == owner, "no");\n', '');
