// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function balanceOf(address account) external view returns (uint256);
}

/// Sells tokens for ETH at a fixed rate.
contract TokenSale {
    IERC20 public immutable token;
    address public owner;
    uint256 public constant RATE = 1000;

    constructor(IERC20 _token) {
        token = _token;
        owner = msg.sender;
    }

    function buy() external payable {
        // Tokens that return false instead of reverting leave the buyer paid-for but empty-handed.
        token.transfer(msg.sender, msg.value * RATE);
    }

    /// A phishing contract the owner interacts with can call this: tx.origin is still the owner.
    function withdraw(address payable to) external {
        require(tx.origin == owner, "not owner");
        to.transfer(address(this).balance);
    }

    /// Anyone can destroy the sale and take the ETH.
    function close() external {
        selfdestruct(payable(msg.sender));
    }
}
