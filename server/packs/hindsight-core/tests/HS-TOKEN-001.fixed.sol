// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

contract Payout {
    using SafeERC20 for IERC20;

    IERC20 public token;
    IERC20 public weth;
    bool public lastOk;

    function pay(address to, uint256 amount) external {
        // expect: HS-TOKEN-001
        token.safeTransfer(to, amount);
    }

    function payOther(address asset, address to, uint256 amount) external {
        // expect: HS-TOKEN-001
        IERC20(asset).safeTransfer(to, amount);
    }

    function pull(address from, uint256 amount) external {
        // expect: HS-TOKEN-001
        token.transferFrom(from, address(this), amount);
    }

    function allow(address spender, uint256 amount) external {
        // expect: HS-TOKEN-001
        token.approve(spender, amount);
    }

    function payStored(address to, uint256 amount) external {
        // expect: HS-TOKEN-001
        lastOk = token.transfer(to, amount);
    }

    function payKept(address to, uint256 amount) external {
        // expect: HS-TOKEN-001
        bool ok = token.transfer(to, amount);
        emit Paid(to, amount);
    }

    function paySafe(address to, uint256 amount) external {
        // ok: HS-TOKEN-001
        token.safeTransfer(to, amount);
    }

    function payChecked(address to, uint256 amount) external {
        // ok: HS-TOKEN-001
        require(token.transfer(to, amount), "transfer failed");
    }

    function payIf(address to, uint256 amount) external {
        // ok: HS-TOKEN-001
        bool ok = token.transfer(to, amount);
        if (!ok) revert();
    }

    function payWeth(address to, uint256 amount) external {
        // ok: HS-TOKEN-001
        weth.transfer(to, amount);
    }

    function payEth(address payable to, uint256 amount) external {
        // ok: HS-TOKEN-001
        to.transfer(amount);
    }

    event Paid(address to, uint256 amount);
}
