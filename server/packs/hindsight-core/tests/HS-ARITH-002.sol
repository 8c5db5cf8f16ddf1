// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Token {
    mapping(address => uint256) public balanceOf;
    uint256 public totalSupply;
    uint256 public nonce;
    error Insufficient();

    function transfer(address to, uint256 amount) external {
        unchecked {
            // expect: HS-ARITH-002
            balanceOf[msg.sender] -= amount;
            // expect: HS-ARITH-002
            balanceOf[to] += amount;
        }
    }

    function burn(address from, uint256 amount) external {
        unchecked {
            // expect: HS-ARITH-002
            balanceOf[from] = balanceOf[from] - amount;
        }
    }

    function stake(uint256 amount, uint256 weeks_) external {
        unchecked {
            // expect: HS-ARITH-002
            balanceOf[msg.sender] = amount * weeks_;
        }
    }

    function transferChecked(address to, uint256 amount) external {
        if (balanceOf[msg.sender] < amount) revert Insufficient();
        unchecked {
            // ok: HS-ARITH-002
            balanceOf[msg.sender] -= amount;
            // ok: HS-ARITH-002
            balanceOf[to] += amount;
        }
    }

    function update(address from, address to, uint256 value) external {
        if (from == address(0)) {
            totalSupply += value;
        } else {
            uint256 fromBalance = balanceOf[from];
            if (fromBalance < value) revert Insufficient();
            unchecked {
                // ok: HS-ARITH-002
                balanceOf[from] = fromBalance - value;
            }
        }
        unchecked {
            // ok: HS-ARITH-002
            balanceOf[to] += value;
        }
    }

    function bump() external {
        unchecked {
            // ok: HS-ARITH-002
            nonce++;
            // ok: HS-ARITH-002
            nonce += 1;
        }
    }

    function transferPlain(address to, uint256 amount) external {
        // ok: HS-ARITH-002
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
    }

    function sum(uint256 a, uint256 b) external pure returns (uint256) {
        unchecked {
            // ok: HS-ARITH-002
            return a + b;
        }
    }
}
