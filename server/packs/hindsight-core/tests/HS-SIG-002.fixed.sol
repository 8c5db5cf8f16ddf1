// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

contract Orders {
    mapping(bytes32 => bool) public filled;
    address public signer;

    function fill(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external {
        // expect: HS-SIG-002
        address who = ECDSA.recover(digest, v, r, s);
        require(who == signer && who != address(0), "bad signature");
        filled[digest] = true;
    }

    function check(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external view returns (bool) {
        // expect: HS-SIG-002
        return ECDSA.recover(digest, v, r, s) == signer;
    }

    function fillSafe(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external view returns (bool) {
        // ok: HS-SIG-002
        return ECDSA.recover(digest, v, r, s) == signer;
    }

    function fillChecked(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external view returns (bool) {
        if (uint256(s) > 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0) revert();
        // ok: HS-SIG-002
        address who = ecrecover(digest, v, r, s);
        return who != address(0) && who == signer;
    }
}
