// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";

/// Claims signed for this chain and contract, with an expiry, verified with OpenZeppelin's ECDSA (which rejects
/// address(0) and malleable signatures).
contract AirdropClaim {
    address public immutable signer;
    mapping(bytes32 => bool) public claimed;
    mapping(address => uint256) public credits;

    constructor(address _signer) {
        require(_signer != address(0), "no signer");
        signer = _signer;
    }

    function claim(address to, uint256 amount, uint256 deadline, bytes calldata signature) external {
        require(block.timestamp <= deadline, "expired");
        bytes32 digest = keccak256(abi.encode(block.chainid, address(this), to, amount, deadline));
        require(!claimed[digest], "claimed");
        address recovered = ECDSA.recover(MessageHashUtils.toEthSignedMessageHash(digest), signature);
        require(recovered == signer, "bad signature");
        claimed[digest] = true;
        credits[to] += amount;
    }

    function registrationKey(string memory project, string memory handle) public pure returns (bytes32) {
        return keccak256(abi.encode(project, handle));
    }
}
