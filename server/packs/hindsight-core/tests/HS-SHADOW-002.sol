pragma solidity ^0.4.24;

contract Counter {
    uint256 count = 2;
    uint256 limit = 3;
    address owner;

    // expect: HS-SHADOW-002
    function current() public constant returns (uint256 count) {
        return count;
    }

    function sum() public constant returns (uint256) {
        // expect: HS-SHADOW-002
        uint256 count = 4;
        return count + limit;
    }

    function init() public {
        // expect: HS-SHADOW-002
        address owner;
        owner = msg.sender;
    }

    // expect: HS-SHADOW-002
    function setLimit(uint256 limit) public {
        count = limit;
    }

    // ok: HS-SHADOW-002
    function setLimitRenamed(uint256 newLimit) public {
        limit = newLimit;
    }

    function total() public constant returns (uint256) {
        // ok: HS-SHADOW-002
        uint256 result = count + limit;
        return result;
    }
}
