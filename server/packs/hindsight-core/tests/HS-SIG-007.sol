// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

contract Claims {
    address public signer;
    mapping(address => uint256) public nonces;

    function claim(address to, uint256 amount, bytes calldata sig) external {
        // expect: HS-SIG-007
        bytes32 digest = keccak256(abi.encode(to, amount, nonces[to]++, block.chainid));
        address who = ECDSA.recover(digest, sig);
        require(who == signer, "bad signature");
    }

    function claim2(address to, uint256 amount, uint8 v, bytes32 r, bytes32 s) external {
        // expect: HS-SIG-007
        bytes32 digest = keccak256(abi.encodePacked(to, amount, nonces[to]++, block.chainid));
        address who = ecrecover(digest, v, r, s);
        require(who != address(0) && who == signer, "bad signature");
    }

    function claimDeadline(address to, uint256 amount, uint256 deadline, bytes calldata sig) external {
        require(block.timestamp <= deadline, "expired");
        // ok: HS-SIG-007
        bytes32 digest = keccak256(abi.encode(to, amount, nonces[to]++, deadline, block.chainid));
        address who = ECDSA.recover(digest, sig);
        require(who == signer, "bad signature");
    }

    function claimExpiry(address to, uint256 amount, uint256 expiry, bytes calldata sig) external {
        require(block.timestamp <= expiry, "expired");
        // ok: HS-SIG-007
        bytes32 digest = keccak256(abi.encode(to, amount, nonces[to]++, expiry, block.chainid));
        address who = ECDSA.recover(digest, sig);
        require(who == signer, "bad signature");
    }
}
