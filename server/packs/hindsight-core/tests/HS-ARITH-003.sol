// SPDX-License-Identifier: MIT
pragma solidity ^0.4.25;

contract Counter {
    uint256 public count = 1;
    uint256 public total;
    int256 public delta;
    mapping(address => uint256) public balances;

    function increment() public {
        // expect: HS-ARITH-003
        count =+ 1;
    }

    function add(uint256 amount) public {
        // expect: HS-ARITH-003
        total =+ amount;
    }

    function withdraw(uint256 amount) public {
        // expect: HS-ARITH-003
        balances[msg.sender] =- amount;
    }

    function incrementRight() public {
        // ok: HS-ARITH-003
        count += 1;
    }

    function subtractRight(uint256 amount) public {
        // ok: HS-ARITH-003
        total -= amount;
    }

    function invert(int256 amount) public {
        // ok: HS-ARITH-003
        delta = -amount;
    }
}
