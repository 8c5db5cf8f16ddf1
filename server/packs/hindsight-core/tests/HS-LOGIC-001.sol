// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Points {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    function transfer(address to, uint256 amount) external returns (bool) {
        // expect: HS-LOGIC-001
        uint256 fromBalance = balanceOf[msg.sender];
        uint256 toBalance = balanceOf[to];
        require(fromBalance >= amount, "balance");
        balanceOf[msg.sender] = fromBalance - amount;
        balanceOf[to] = toBalance + amount;
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        // expect: HS-LOGIC-001
        uint256 toBalance = balanceOf[to];
        uint256 fromBalance = balanceOf[from];
        unchecked {
            balanceOf[to] = toBalance + amount;
            balanceOf[from] = fromBalance - amount;
        }
        return true;
    }

    function move(address from, address to, uint256 amount) external {
        require(from != to, "self");
        // ok: HS-LOGIC-001
        uint256 fromBalance = balanceOf[from];
        uint256 toBalance = balanceOf[to];
        balanceOf[from] = fromBalance - amount;
        balanceOf[to] = toBalance + amount;
    }

    function moveEarlyReturn(address from, address to, uint256 amount) external {
        if (from == to) return;
        // ok: HS-LOGIC-001
        uint256 fromBalance = balanceOf[from];
        uint256 toBalance = balanceOf[to];
        balanceOf[from] = fromBalance - amount;
        balanceOf[to] = toBalance + amount;
    }

    function moveFresh(address from, address to, uint256 amount) external {
        uint256 fromBalance = balanceOf[from];
        require(fromBalance >= amount, "balance");
        // ok: HS-LOGIC-001
        balanceOf[from] = fromBalance - amount;
        balanceOf[to] += amount;
    }
}
