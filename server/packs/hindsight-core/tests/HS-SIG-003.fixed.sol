// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Registry {
    mapping(bytes32 => address) public owners;

    function register(string memory name, string memory suffix) external {
        // expect: HS-SIG-003
        bytes32 id = keccak256(abi.encode(name, suffix));
        owners[id] = msg.sender;
    }

    function check(address who, bytes calldata a, bytes calldata b) external view returns (bool) {
        // expect: HS-SIG-003
        return owners[keccak256(abi.encode(who, a, b))] == who;
    }

    function registerSafe(string memory name, string memory suffix) external {
        // ok: HS-SIG-003
        bytes32 id = keccak256(abi.encode(name, suffix));
        owners[id] = msg.sender;
    }

    function registerSeparated(string memory name, uint256 nonce, string memory suffix) external {
        // ok: HS-SIG-003
        bytes32 id = keccak256(abi.encodePacked(name, nonce, suffix));
        owners[id] = msg.sender;
    }
}

contract Relayed {
    mapping(address => bool) public isAdmin;

    function addUsers(address[] calldata admins, address[] calldata users, bytes32 r) external view returns (bool) {
        // expect: HS-SIG-003
        bytes32 hash = keccak256(abi.encode(admins, users));
        return hash == r;
    }

    function addFixed(address[3] calldata admins, address[3] calldata users, bytes32 r) external pure returns (bool) {
        // ok: HS-SIG-003
        bytes32 hash = keccak256(abi.encodePacked(admins, users));
        return hash == r;
    }

    function addOne(address[] calldata admins, bytes32 r) external pure returns (bool) {
        // ok: HS-SIG-003
        return keccak256(abi.encodePacked(admins)) == r;
    }
}
