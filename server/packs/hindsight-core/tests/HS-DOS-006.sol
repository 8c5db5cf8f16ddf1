// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

library SafeERC20 {
    function safeTransfer(IERC20 token, address to, uint256 amount) internal {
        require(token.transfer(to, amount), "transfer failed");
    }
}

contract Splitter {
    using SafeERC20 for IERC20;

    struct Payee {
        address account;
        uint256 share;
    }

    IERC20 public immutable usdc;
    address[] public recipients;
    Payee[] public payees;
    mapping(address => uint256) public owed;

    constructor(IERC20 token) {
        usdc = token;
    }

    function join() external {
        recipients.push(msg.sender);
    }

    function distribute(uint256 each) external {
        for (uint256 i = 0; i < recipients.length; i++) {
            // expect: HS-DOS-006
            usdc.safeTransfer(recipients[i], each);
        }
    }

    function distributeShares(uint256 total) external {
        uint256 n = payees.length;
        for (uint256 i; i < n; ++i) {
            // expect: HS-DOS-006
            require(usdc.transfer(payees[i].account, total * payees[i].share / 1e18), "failed");
        }
    }

    function airdropFrom(address treasury, uint256 each) external {
        uint256 i;
        while (i < recipients.length) {
            // expect: HS-DOS-006
            usdc.transferFrom(treasury, recipients[i], each);
            i++;
        }
    }

    // A list the caller passes in: only the caller's own batch fails.
    function batchSend(address[] calldata to, uint256 each) external {
        for (uint256 i = 0; i < to.length; i++) {
            // ok: HS-DOS-006
            usdc.safeTransfer(to[i], each);
        }
    }

    // Pull payments: each receiver claims their own share.
    function accrue(uint256 each) external {
        for (uint256 i = 0; i < recipients.length; i++) {
            owed[recipients[i]] += each;
        }
    }

    function claim() external {
        uint256 amount = owed[msg.sender];
        owed[msg.sender] = 0;
        // ok: HS-DOS-006
        usdc.safeTransfer(msg.sender, amount);
    }

    // Payouts that skip a failing receiver instead of reverting the batch.
    function distributeTolerant(uint256 each) external {
        for (uint256 i = 0; i < recipients.length; i++) {
            // ok: HS-DOS-006
            try usdc.transfer(recipients[i], each) returns (bool) {} catch {
                owed[recipients[i]] += each;
            }
        }
    }
}
