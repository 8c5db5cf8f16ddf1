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
}
