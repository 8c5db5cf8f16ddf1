// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function approve(address spender, uint256 amount) external returns (bool);
    function balanceOf(address who) external view returns (uint256);
}

library SafeERC20 {
    function safeTransfer(IERC20 token, address to, uint256 amount) internal {
        require(token.transfer(to, amount), "transfer");
    }
    function safeTransferFrom(IERC20 token, address from, address to, uint256 amount) internal {
        require(token.transferFrom(from, to, amount), "transferFrom");
    }
    function forceApprove(IERC20 token, address spender, uint256 amount) internal {
        require(token.approve(spender, amount), "approve");
    }
}

interface IStrategy {
    function deposit(uint256 amount) external;
}

contract Forwarder {
    using SafeERC20 for IERC20;

    IERC20 public token;
    IStrategy public strategy;
    address public treasury;

    function forward(uint256 amount) external {
        // expect: HS-TOKEN-009
        token.safeTransferFrom(msg.sender, address(this), amount);
        token.safeTransfer(treasury, amount);
    }

    function depositToStrategy(uint256 amount) external {
        // expect: HS-TOKEN-009
        require(token.transferFrom(msg.sender, address(this), amount), "pull");
        token.forceApprove(address(strategy), amount);
        strategy.deposit(amount);
    }

    function forwardReceived(uint256 amount) external {
        uint256 before = token.balanceOf(address(this));
        // ok: HS-TOKEN-009
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        token.safeTransfer(treasury, received);
    }

    function keep(uint256 amount) external {
        // ok: HS-TOKEN-009
        token.safeTransferFrom(msg.sender, address(this), amount);
    }
}
