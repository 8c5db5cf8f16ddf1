// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract AirdropClaim {
    address public signer;
    mapping(bytes32 => bool) public claimed;
    mapping(address => uint256) public credits;

    constructor(address _signer) {
        require(_signer != address(0), "no signer");
        signer = _signer;
    }

    function claim(address to, uint256 amount, uint8 v, bytes32 r, bytes32 s) external {
        bytes32 digest = keccak256(abi.encode(to, amount));
        require(!claimed[digest], "claimed");
        address recovered = ecrecover(digest, v, r, s);
        require(recovered != address(0), "invalid signature");
        require(recovered == signer, "bad signature");
        claimed[digest] = true;
        credits[to] += amount;
    }

    function registrationKey(string memory project, string memory handle) public pure returns (bytes32) {
        return keccak256(abi.encode(project, handle));
    }
}
