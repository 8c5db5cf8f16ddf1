// SPDX-License-Identifier: MIT
pragma solidity ^0.6.12;

contract Token {
    mapping(address => uint256) public balanceOf;

    function transfer(address to, uint256 amount) external returns (bool) {
        // expect: HS-ARITH-001
        balanceOf[msg.sender] -= amount;
        // expect: HS-ARITH-001
        balanceOf[to] += amount;
        return true;
    }

    function burn(uint256 amount) external {
        require(balanceOf[msg.sender] >= amount, "balance");
        // ok: HS-ARITH-001
        balanceOf[msg.sender] -= amount;
    }

    function local(uint256 a, uint256 b) external pure returns (uint256) {
        // ok: HS-ARITH-001
        return a + b;
    }
}
