// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Wallet {
    address public owner;

    constructor() {
        owner = msg.sender;
    }

    function transferTo(address payable to, uint256 amount) external {
        // expect: HS-ACCESS-001
        require(tx.origin == owner, "not owner");
        to.transfer(amount);
    }

    function setOwner(address next) external {
        // expect: HS-ACCESS-001
        if (owner != tx.origin) revert();
        owner = next;
    }

    function sweep(address payable to) external {
        // ok: HS-ACCESS-001
        require(msg.sender == owner, "not owner");
        to.transfer(address(this).balance);
    }

    function onlyHumans() external view returns (bool) {
        // ok: HS-ACCESS-001
        require(tx.origin == msg.sender, "no contracts");
        return true;
    }
}
