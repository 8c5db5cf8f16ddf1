// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

contract Payout {
    using SafeERC20 for IERC20;

    IERC20 public token;

    function pay(address to, uint256 amount) external {
        // expect: HS-TOKEN-007
        require(token.transfer(to, amount), "transfer failed");
    }

    function pay2(address to, uint256 amount) external {
        // expect: HS-TOKEN-007
        require(IERC20(token).transfer(to, amount));
    }

    function paySafe(address to, uint256 amount) external {
        // ok: HS-TOKEN-007
        token.safeTransfer(to, amount);
    }

    function payFrom(address to, uint256 amount) external {
        // ok: HS-TOKEN-007
        require(token.transferFrom(msg.sender, to, amount), "transfer failed");
    }
}
