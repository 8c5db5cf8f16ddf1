// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Users claim an airdrop with a signature from the distributor.
contract AirdropClaim {
    address public signer;
    mapping(bytes32 => bool) public claimed;
    mapping(address => uint256) public credits;

    constructor(address _signer) {
        signer = _signer;
    }

    /// If `signer` is ever unset (address(0)), any malformed signature passes: ecrecover returns 0 on failure.
    function claim(address to, uint256 amount, uint8 v, bytes32 r, bytes32 s) external {
        bytes32 digest = keccak256(abi.encode(to, amount));
        require(!claimed[digest], "claimed");
        address recovered = ecrecover(digest, v, r, s);
        require(recovered == signer, "bad signature");
        claimed[digest] = true;
        credits[to] += amount;
    }

    /// ("ab", "c") and ("a", "bc") hash to the same key: one registration can block or spoof another.
    function registrationKey(string memory project, string memory handle) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(project, handle));
    }
}
