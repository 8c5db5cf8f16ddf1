// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Issue 18: in 0.8 code, `sha3` and `suicide` are free names. A contract's own functions of those names are not the
// old builtins: rewriting their calls into keccak256 / selfdestruct compiles, and does something else.
contract Legacy {
    address public owner = msg.sender;
    bool public closed;

    function sha3(bytes memory data) internal pure returns (bytes32) {
        return sha256(data);
    }

    function suicide(address to) internal {
        closed = to != address(0);
    }

    function id(bytes calldata data) external pure returns (bytes32) {
        // fix: HS-DEPR-002 none
        return sha3(data);
    }

    function close() external {
        // fix: HS-DEPR-003 none
        suicide(owner);
    }
}
