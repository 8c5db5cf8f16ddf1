// SPDX-License-Identifier: MIT
pragma solidity ^0.4.24;

library SafeMath {
    function sub(uint256 a, uint256 b) internal pure returns (uint256) {
        require(b <= a);
        return a - b;
    }

    function add(uint256 a, uint256 b) internal pure returns (uint256) {
        uint256 c = a + b;
        require(c >= a);
        return c;
    }
}

contract Ledger {
    using SafeMath for uint256;

    mapping(address => uint256) public balanceOf;
    mapping(address => uint256) public credit;
    uint256 public total = 1;
    uint256 public factor = 2;
    uint256 public counter;
    bool public open;
    bool public started;

    constructor(uint256 initial) public {
        // ok: HS-ARITH-001
        total = initial * 1000;
    }

    function shrink(uint256 input) public {
        // expect: HS-ARITH-001
        total -= input;
    }

    function scale(uint256 input) public {
        // expect: HS-ARITH-001
        factor *= input;
    }

    function start() public {
        open = true;
    }

    function grow(uint256 input) public {
        if (!open) {
            return;
        }
        // expect: HS-ARITH-001
        total = total + input;
    }

    function transfer(address to, uint256 amount) public returns (bool) {
        // expect: HS-ARITH-001
        balanceOf[msg.sender] -= amount;
        // expect: HS-ARITH-001
        balanceOf[to] += amount;
        return true;
    }

    function batch(address[] receivers, uint256 value) public {
        uint256 count = receivers.length;
        // expect: HS-ARITH-001
        uint256 amount = count * value;
        require(count > 0 && count <= 20);
        require(balanceOf[msg.sender] >= amount);
        balanceOf[msg.sender] = balanceOf[msg.sender].sub(amount);
        for (uint256 i = 0; i < count; i++) {
            balanceOf[receivers[i]] = balanceOf[receivers[i]].add(value);
        }
    }

    function move(address to, uint256 value) public {
        _move(msg.sender, to, value);
    }

    function _move(address from, address to, uint256 value) internal {
        // expect: HS-ARITH-001
        balanceOf[from] -= value;
        balanceOf[to] = balanceOf[to].add(value);
    }

    function donate(address to) public payable {
        // ok: HS-ARITH-001
        credit[to] += msg.value;
    }

    function deposit() public payable {
        assert(credit[msg.sender] + msg.value > credit[msg.sender]);
        // ok: HS-ARITH-001
        credit[msg.sender] += msg.value;
    }

    function tick() public {
        // ok: HS-ARITH-001
        counter += 1;
        // ok: HS-ARITH-001
        counter++;
    }

    function withdraw(uint256 amount) public {
        if (credit[msg.sender] >= amount) {
            // ok: HS-ARITH-001
            credit[msg.sender] -= amount;
            msg.sender.transfer(amount);
        }
    }

    function pay(address to, uint256 value) public {
        require(balanceOf[msg.sender] > value);
        // ok: HS-ARITH-001
        balanceOf[msg.sender] -= value;
        // ok: HS-ARITH-001
        balanceOf[to] += value;
    }

    function safeAdd(uint256 value) public {
        require(value + total >= total);
        // ok: HS-ARITH-001
        total += value;
    }

    function product(uint256 a, uint256 b) public {
        uint256 c = a * b;
        require(a == 0 || c / a == b);
        // ok: HS-ARITH-001
        total = c;
    }

    function capped(uint256 value) public {
        require(value <= 1000);
        // ok: HS-ARITH-001
        total += value;
    }

    function burn(uint256 value) public {
        // ok: HS-ARITH-001
        balanceOf[msg.sender] = balanceOf[msg.sender].sub(value);
    }

    function frozen(uint256 input) public {
        if (!started) {
            return;
        }
        // ok: HS-ARITH-001
        total -= input;
    }

    function sum(uint256 a, uint256 b) public pure returns (uint256) {
        // ok: HS-ARITH-001
        return a + b;
    }
}
