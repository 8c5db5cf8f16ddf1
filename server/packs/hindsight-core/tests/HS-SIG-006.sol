// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

contract Claims {
    address public signer;
    bytes32 public DOMAIN_SEPARATOR;
    mapping(address => uint256) public nonces;

    function claim(address to, uint256 amount, uint256 nonce, uint8 v, bytes32 r, bytes32 s) external view {
        // expect: HS-SIG-006
        bytes32 digest = keccak256(abi.encodePacked(to, amount, nonce));
        address who = ecrecover(digest, v, r, s);
        require(who != address(0) && who == signer, "bad signature");
    }

    function claim2(address to, uint256 amount, bytes calldata sig) external {
        // expect: HS-SIG-006
        bytes32 digest = keccak256(abi.encode(to, amount, nonces[to]++, address(this)));
        address who = ECDSA.recover(digest, sig);
        require(who == signer, "bad signature");
    }

    function claimChain(address to, uint256 amount, bytes calldata sig) external {
        // ok: HS-SIG-006
        bytes32 digest = keccak256(abi.encode(to, amount, nonces[to]++, block.chainid, address(this)));
        address who = ECDSA.recover(digest, sig);
        require(who == signer, "bad signature");
    }

    function claimTyped(address to, uint256 amount, bytes calldata sig) external {
        // ok: HS-SIG-006
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR, keccak256(abi.encode(to, amount, nonces[to]++))));
        address who = ECDSA.recover(digest, sig);
        require(who == signer, "bad signature");
    }
}
