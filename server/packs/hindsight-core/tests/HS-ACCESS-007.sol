// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Treasury {
    address public owner;
    address public admin;

    constructor() {
        owner = msg.sender;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "owner");
        _;
    }

    // expect: HS-ACCESS-007
    function setOwner(address newOwner) external {
        owner = newOwner;
    }

    // expect: HS-ACCESS-007
    function changeAdmin(address newAdmin) public {
        emit AdminChanged(newAdmin);
        admin = newAdmin;
    }

    event AdminChanged(address admin);

    // ok: HS-ACCESS-007
    function transferOwnership(address newOwner) external onlyOwner {
        owner = newOwner;
    }

    // ok: HS-ACCESS-007
    function setAdmin(address newAdmin) external {
        require(msg.sender == owner, "owner");
        admin = newAdmin;
    }
}
