// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

contract Vouchers {
    mapping(bytes => bool) public usedSignatures;
    mapping(bytes32 => bool) public usedDigests;
    mapping(bytes32 => bool) public usedHashes;
    address public signer;

    function redeem(bytes32 digest, bytes calldata signature) external {
        require(!usedSignatures[signature], "used");
        require(ECDSA.recover(digest, signature) == signer, "bad signature");
        // expect: HS-SIG-004
        usedSignatures[signature] = true;
    }

    function redeem2(bytes32 digest, bytes calldata sig) external {
        require(!usedHashes[keccak256(sig)], "used");
        require(ECDSA.recover(digest, sig) == signer, "bad signature");
        // expect: HS-SIG-004
        usedHashes[keccak256(sig)] = true;
    }

    function redeemSafe(bytes32 digest, bytes calldata signature) external {
        require(!usedDigests[digest], "used");
        require(ECDSA.recover(digest, signature) == signer, "bad signature");
        // ok: HS-SIG-004
        usedDigests[digest] = true;
    }

    function markDigest(bytes32 digest) external {
        // ok: HS-SIG-004
        usedHashes[keccak256(abi.encode(digest))] = true;
    }
}
