// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Issue 18: `require(signer != address(0))` after ecrecover. In a loop that skips bad signatures it would revert
// the whole batch, and in a function that answers false it would revert instead: no fix there. After a brace-less
// `if` it must stay under the `if` (braces added), and in a one-line function it must stay inside the function.
contract Batch {
    address public signer;
    uint256 public claimed;

    function countValid(bytes32[] calldata digests, uint8[] calldata v, bytes32[] calldata r, bytes32[] calldata s) external view returns (uint256 n) {
        for (uint256 i = 0; i < digests.length; i++) {
            // fix: HS-SIG-001 none
            address who = ecrecover(digests[i], v[i], r[i], s[i]);
            if (who == signer) n++;
        }
    }

    function isValid(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external view returns (bool) {
        // fix: HS-SIG-001 none
        address who = ecrecover(digest, v, r, s);
        return who == signer;
    }

    function claimIf(bytes32 digest, uint8 v, bytes32 r, bytes32 s, bool signed) external {
        address who = signer;
        // fix: HS-SIG-001 review
        if (signed) who = ecrecover(digest, v, r, s);
        require(who == signer, "bad signature");
        claimed += 1;
    }

    // fix: HS-SIG-001 review
    function recover(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external pure returns (address who) { who = ecrecover(digest, v, r, s); }
}
