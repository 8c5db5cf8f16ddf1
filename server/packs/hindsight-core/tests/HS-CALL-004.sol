// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract BatchBuy {
    mapping(address => uint256) public credit;

    function buyMany(address[] calldata receivers) external payable {
        for (uint256 i = 0; i < receivers.length; i++) {
            // expect: HS-CALL-004
            credit[receivers[i]] += msg.value;
        }
    }

    function exerciseAll(uint256[] calldata ids) external payable {
        uint256 i;
        while (i < ids.length) {
            // expect: HS-CALL-004
            require(msg.value >= 1 ether, "pay");
            i++;
        }
    }

    function buyManySafe(address[] calldata receivers, uint256 each) external payable {
        // ok: HS-CALL-004
        require(msg.value == each * receivers.length, "wrong value");
        for (uint256 i = 0; i < receivers.length; i++) {
            credit[receivers[i]] += each;
        }
    }

    function buy() external payable {
        // ok: HS-CALL-004
        credit[msg.sender] += msg.value;
    }

    // The loop need not hold msg.value itself: a helper it calls reads it once per item.
    function exerciseMany(uint256[] calldata ids) external payable {
        for (uint256 i = 0; i < ids.length; i++) {
            _exercise(ids[i]);
        }
    }

    function _exercise(uint256 id) internal {
        // expect: HS-CALL-004
        require(msg.value == id * 1 gwei, "pay the strike");
    }

    function buyDo(address[] calldata receivers) external payable {
        uint256 i;
        do {
            // expect: HS-CALL-004
            credit[receivers[i]] = credit[receivers[i]] + msg.value;
            i++;
        } while (i < receivers.length);
    }

    // Read once, split after the loop: not a loop's read.
    function splitEvenly(address[] calldata receivers) external payable {
        uint256 n;
        for (uint256 i = 0; i < receivers.length; i++) {
            if (receivers[i] != address(0)) n++;
        }
        // ok: HS-CALL-004
        uint256 each = msg.value / n;
        for (uint256 i = 0; i < receivers.length; i++) {
            credit[receivers[i]] += each;
        }
    }

    // A helper that reads msg.value but no loop calls it.
    function buyOne() external payable {
        _credit(msg.sender);
    }

    function _credit(address who) internal {
        // ok: HS-CALL-004
        credit[who] += msg.value;
    }
}
