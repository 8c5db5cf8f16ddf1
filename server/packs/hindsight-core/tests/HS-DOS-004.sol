// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Queue {
    address[] public queue;

    function join() external {
        queue.push(msg.sender);
    }

    // expect: HS-DOS-004
    function reset() external {
        delete queue;
    }
}

contract Orders {
    uint256[] public orders;

    function place(uint256 id) public {
        orders.push(id);
    }

    // expect: HS-DOS-004
    function clear() public {
        delete orders;
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

    // ok: HS-DOS-004
    function reset() external onlyOwner {
        delete members;
    }
}

contract Fixed {
    uint256[3] public slots;

    // ok: HS-DOS-004
    function reset() external {
        delete slots;
    }
}
