// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Dividends {
    address[] public holders;
    mapping(address => uint256) public shares;

    function register() external {
        holders.push(msg.sender);
    }

    // expect: HS-DOS-001
    function distribute() external {
        for (uint256 i = 0; i < holders.length; i++) {
            shares[holders[i]] += 1;
        }
    }
}

contract Lottery {
    address[] public entries;

    function enter() public payable {
        entries.push(msg.sender);
    }

    // expect: HS-DOS-001
    function count(address who) external view returns (uint256 n) {
        for (uint256 i; i < entries.length; ) {
            if (entries[i] == who) n++;
            unchecked { ++i; }
        }
    }
}

contract Paged {
    address[] public holders;

    function register() external {
        holders.push(msg.sender);
    }

    // ok: HS-DOS-001
    function process(uint256 start, uint256 end) external view returns (uint256 n) {
        for (uint256 i = start; i < end && i < holders.length; i++) n++;
    }
}

contract Admin {
    address[] public validators;
    address public owner;

    modifier onlyOwner() {
        require(msg.sender == owner);
        _;
    }

    function add(address v) external onlyOwner {
        validators.push(v);
    }

    // ok: HS-DOS-001
    function all() external view returns (uint256 n) {
        for (uint256 i = 0; i < validators.length; i++) n++;
    }
}
