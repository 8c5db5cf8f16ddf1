// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

contract Zap {
    using SafeERC20 for IERC20;

    IERC20 public usdt;
    address public router;

    function zap(uint256 amount) external {
        // expect: HS-TOKEN-003
        usdt.forceApprove(router, amount);
    }

    function zapAny(address token, address spender, uint256 amount) external {
        // expect: HS-TOKEN-003
        IERC20(token).forceApprove(spender, amount);
    }

    function zapSafe(uint256 amount) external {
        // ok: HS-TOKEN-003
        usdt.forceApprove(router, amount);
    }

    function revoke() external {
        // ok: HS-TOKEN-003
        usdt.approve(router, 0);
    }
}
