// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Shop {
    uint256 public constant PRICE = 0.01 ether;
    mapping(address => uint256) public minted;
    uint256 public totalMinted;
    error Underpaid();

    function buy(uint256 quantity, uint256 unitPrice) external payable {
        uint256 cost;
        unchecked {
            // expect: HS-ARITH-004
            cost = quantity * unitPrice;
        }
        if (msg.value < cost) revert Underpaid();
        minted[msg.sender] += quantity;
    }

    function buyFixed(uint256 quantity) external payable {
        unchecked {
            // expect: HS-ARITH-004
            require(msg.value >= quantity * PRICE, "underpaid");
        }
        minted[msg.sender] += quantity;
    }

    function window(uint256 start, uint256 length) external view returns (bool) {
        unchecked {
            // expect: HS-ARITH-004
            uint256 end = start + length;
            return block.timestamp >= start && block.timestamp < end;
        }
    }

    function buyBounded(uint256 quantity) external payable {
        require(quantity <= 20, "too many");
        unchecked {
            // ok: HS-ARITH-004
            require(msg.value >= quantity * PRICE, "underpaid");
        }
        minted[msg.sender] += quantity;
    }

    function buyChecked(uint256 quantity, uint256 unitPrice) external payable {
        // ok: HS-ARITH-004
        uint256 cost = quantity * unitPrice;
        if (msg.value < cost) revert Underpaid();
        minted[msg.sender] += quantity;
    }

    function count(uint256[] calldata ids) external pure returns (uint256 n) {
        for (uint256 i; i < ids.length; ) {
            n += ids[i] & 1;
            unchecked {
                // ok: HS-ARITH-004
                ++i;
            }
        }
    }

    function half(uint256 amount) external pure returns (uint256) {
        unchecked {
            // ok: HS-ARITH-004
            return amount / 2;
        }
    }
}

library Pack {
    // Libraries are audited math helpers that wrap on purpose; their callers decide the inputs.
    function mix(uint256 a, uint256 b) internal pure returns (uint256) {
        unchecked {
            // ok: HS-ARITH-004
            return a * b + 1;
        }
    }
}
