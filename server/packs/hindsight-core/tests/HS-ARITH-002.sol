// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Token {
    mapping(address => uint256) public balanceOf;
    error Insufficient();

    function transfer(address to, uint256 amount) external {
        unchecked {
            // expect: HS-ARITH-002
            balanceOf[msg.sender] -= amount;
            balanceOf[to] += amount;
        }
    }

    function burn(address from, uint256 amount) external {
        unchecked {
            // expect: HS-ARITH-002
            balanceOf[from] = balanceOf[from] - amount;
        }
    }

    function transferChecked(address to, uint256 amount) external {
        if (balanceOf[msg.sender] < amount) revert Insufficient();
        unchecked {
            // ok: HS-ARITH-002
            balanceOf[msg.sender] -= amount;
            balanceOf[to] += amount;
        }
    }

    function transferPlain(address to, uint256 amount) external {
        // ok: HS-ARITH-002
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
    }
}
