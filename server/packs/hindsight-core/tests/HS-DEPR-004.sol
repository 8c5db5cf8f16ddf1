pragma solidity ^0.4.24;

contract Old {
    function last() public view returns (bytes32) {
        // expect: HS-DEPR-004
        return block.blockhash(block.number - 1);
    }

    function at(uint256 n) public view returns (bytes32 h) {
        // expect: HS-DEPR-004
        h = block.blockhash(n);
    }

    function lastModern() public view returns (bytes32) {
        // ok: HS-DEPR-004
        return blockhash(block.number - 1);
    }

    function number() public view returns (uint256) {
        // ok: HS-DEPR-004
        return block.number;
    }
}
