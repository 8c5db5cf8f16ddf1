// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Dividends {
    address[] public holders;
    mapping(address => uint256) public shares;

    function register() external {
        holders.push(msg.sender);
    }

    function distribute() external {
        // expect: HS-DOS-001
        for (uint256 i = 0; i < holders.length; i++) {
            shares[holders[i]] += 1;
        }
    }
}

contract Lottery {
    address[] public entries;

    function enter() public payable {
        _add(msg.sender);
    }

    function _add(address who) internal {
        entries.push(who);
    }

    function payout() external {
        // expect: HS-DOS-001
        for (uint256 i; i < entries.length; ) {
            payable(entries[i]).transfer(1 wei);
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

    function addInline(address v) external {
        if (msg.sender != owner) revert();
        validators.push(v);
    }

    function all() external view returns (uint256 n) {
        // ok: HS-DOS-001
        for (uint256 i = 0; i < validators.length; i++) n++;
    }
}

contract Fixed {
    address[] public list;

    constructor(address[] memory initial) {
        for (uint256 i = 0; i < initial.length; i++) list.push(initial[i]);
    }

    function total() external view returns (uint256 n) {
        // ok: HS-DOS-001
        for (uint256 i = 0; i < list.length; i++) n++;
    }
}

// Pre-0.6 growth through the length member.
contract LegacyCreditors {
    address[] creditors;

    function add() public {
        creditors.length++;
        creditors[creditors.length - 1] = msg.sender;
    }

    function pay() public {
        // expect: HS-DOS-001
        for (uint i = 0; i < creditors.length; i++) {
            creditors[i].transfer(1);
        }
    }
}
