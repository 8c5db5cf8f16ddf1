// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A simple ETH vault: users deposit and withdraw their own balance.
contract EtherVault {
    mapping(address => uint256) public balances;

    event Deposited(address indexed user, uint256 amount);
    event Withdrawn(address indexed user, uint256 amount);

    function deposit() external payable {
        balances[msg.sender] += msg.value;
        emit Deposited(msg.sender, msg.value);
    }

    /// Sends the ETH first and zeroes the balance afterwards: a receiver contract can re-enter
    /// withdraw() from its receive() and be paid its balance again and again.
    function withdraw() external {
        uint256 amount = balances[msg.sender];
        require(amount > 0, "nothing to withdraw");
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "transfer failed");
        balances[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
    }

    /// Forwards dust to a beneficiary; the call's success is never checked.
    function sweep(address payable beneficiary) external {
        require(balances[msg.sender] == 0, "withdraw first");
        beneficiary.call{value: 0}("");
    }
}
