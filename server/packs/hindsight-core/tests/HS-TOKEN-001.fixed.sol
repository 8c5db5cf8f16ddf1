// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

contract Payout {
    using SafeERC20 for IERC20;

    IERC20 public token;

    function pay(address to, uint256 amount) external {
        // expect: HS-TOKEN-001
        token.safeTransfer(to, amount);
    }

    function payOther(address asset, address to, uint256 amount) external {
        // expect: HS-TOKEN-001
        IERC20(asset).safeTransfer(to, amount);
    }

    function paySafe(address to, uint256 amount) external {
        // ok: HS-TOKEN-001
        token.safeTransfer(to, amount);
    }

    function payChecked(address to, uint256 amount) external {
        // ok: HS-TOKEN-001
        require(token.transfer(to, amount), "transfer failed");
    }

    function payEth(address payable to, uint256 amount) external {
        // ok: HS-TOKEN-001
        to.transfer(amount);
    }
}
