// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Queue {
    address[] public queue;

    function join() external {
        queue.push(msg.sender);
    }

    function reset() external {
        // expect: HS-DOS-004
        delete queue;
    }

    function dropOne(uint256 i) external {
        // ok: HS-DOS-004
        delete queue[i];
    }
}

contract Orders {
    uint256[] public orders;

    function place(uint256 id) public {
        if (orders.length < 1000) {
            for (uint256 i = 0; i < 10; i++) orders.push(id);
        } else {
            // expect: HS-DOS-004
            orders = new uint256[](0);
        }
    }
}

contract Managed {
    address[] public members;
    address public owner;

    modifier onlyOwner() {
        require(msg.sender == owner);
        _;
    }

    function add(address m) external onlyOwner {
        members.push(m);
    }

    function reset() external onlyOwner {
        // ok: HS-DOS-004
        delete members;
    }
}

contract Fixed {
    uint256[3] public slots;

    function reset() external {
        // ok: HS-DOS-004
        delete slots;
    }
}

// Pre-0.6 growth through the length member.
contract LegacyNumbers {
    uint[] numbers;
    uint count;

    function insert(uint value) public {
        if (count == numbers.length) numbers.length += 1;
        numbers[count++] = value;
    }

    function clear() public {
        require(count > 1500);
        // expect: HS-DOS-004
        numbers = new uint[](0);
        count = 0;
    }
}
