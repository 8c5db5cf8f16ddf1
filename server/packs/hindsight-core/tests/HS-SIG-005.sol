// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

contract Claims {
    address public signer;
    mapping(address => uint256) public nonces;
    mapping(bytes32 => bool) public used;

    function claim(address to, uint256 amount, uint8 v, bytes32 r, bytes32 s) external {
        // expect: HS-SIG-005
        bytes32 digest = keccak256(abi.encodePacked(to, amount, block.chainid, address(this)));
        address who = ecrecover(digest, v, r, s);
        require(who != address(0) && who == signer, "bad signature");
    }

    function claim2(address to, uint256 amount, bytes calldata sig) external {
        // expect: HS-SIG-005
        bytes32 digest = keccak256(abi.encode(to, amount, block.chainid));
        address who = ECDSA.recover(digest, sig);
        require(who == signer, "bad signature");
    }

    function claimNonce(address to, uint256 amount, bytes calldata sig) external {
        // ok: HS-SIG-005
        bytes32 digest = keccak256(abi.encode(to, amount, nonces[to]++, block.chainid));
        address who = ECDSA.recover(digest, sig);
        require(who == signer, "bad signature");
    }

    function claimOnce(address to, uint256 amount, bytes calldata sig) external {
        // ok: HS-SIG-005
        bytes32 digest = keccak256(abi.encode(to, amount, block.chainid));
        address who = ECDSA.recover(digest, sig);
        require(who == signer && !used[digest], "bad signature");
        used[digest] = true;
    }
}
