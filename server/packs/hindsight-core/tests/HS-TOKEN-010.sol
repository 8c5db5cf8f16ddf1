// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function balanceOf(address who) external view returns (uint256);
}

contract Port {
    mapping(address => uint256) public reserves;

    error WrongAmount();

    function replenish(IERC20 token, uint256 amount) external {
        uint256 before = token.balanceOf(address(this));
        token.transferFrom(msg.sender, address(this), amount);
        // expect: HS-TOKEN-010
        require(token.balanceOf(address(this)) - before == amount, "received");
        reserves[address(token)] += amount;
    }

    function replenishLocal(IERC20 token, uint256 amount) external {
        uint256 before = token.balanceOf(address(this));
        token.transferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        // expect: HS-TOKEN-010
        if (received != amount) revert WrongAmount();
        reserves[address(token)] += received;
    }

    function replenishReceived(IERC20 token, uint256 amount) external {
        uint256 before = token.balanceOf(address(this));
        token.transferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        // ok: HS-TOKEN-010
        require(received > 0, "nothing");
        reserves[address(token)] += received;
    }

    function sweepCheck(IERC20 token, uint256 expected) external view returns (bool) {
        // ok: HS-TOKEN-010
        require(token.balanceOf(address(this)) >= expected, "short");
        return true;
    }
}
