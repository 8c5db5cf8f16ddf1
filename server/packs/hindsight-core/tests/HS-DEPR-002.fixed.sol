pragma solidity ^0.4.24;

contract Hasher {
    function id(address a, uint256 n) public pure returns (bytes32) {
        // expect: HS-DEPR-002
        return keccak256(a, n);
    }

    function id2(bytes32 x) public pure returns (bytes32) {
        // expect: HS-DEPR-002
        return keccak256(abi.encodePacked(x));
    }

    function idModern(bytes32 x) public pure returns (bytes32) {
        // ok: HS-DEPR-002
        return keccak256(abi.encodePacked(x));
    }

    function other(bytes32 x) public pure returns (bytes32) {
        // ok: HS-DEPR-002
        return sha256(abi.encodePacked(x));
    }
}
