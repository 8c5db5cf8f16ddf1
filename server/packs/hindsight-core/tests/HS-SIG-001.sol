// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Claims {
    address public signer;
    mapping(bytes32 => bool) public used;

    function claim(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external {
        // expect: HS-SIG-001
        address recovered = ecrecover(digest, v, r, s);
        require(recovered == signer, "bad signature");
        used[digest] = true;
    }

    function claimAssign(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external {
        address recovered;
        // expect: HS-SIG-001
        recovered = ecrecover(digest, v, r, s);
        require(recovered == signer, "bad signature");
    }

    function claimChecked(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external {
        // ok: HS-SIG-001
        address recovered = ecrecover(digest, v, r, s);
        require(recovered != address(0), "invalid signature");
        require(recovered == signer, "bad signature");
    }

    function claimIf(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external view returns (bool) {
        // ok: HS-SIG-001
        address recovered = ecrecover(digest, v, r, s);
        if (recovered == address(0)) return false;
        return recovered == signer;
    }
}
