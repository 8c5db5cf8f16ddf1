// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IPoints {
    function transfer(address to, uint256 amount) external returns (bool);
}

// No SafeERC20 yet: the fix imports it and adds `using SafeERC20 for IERC20;`.
contract Payroll {
    IERC20 public immutable token;
    IPoints public immutable points;

    constructor(IERC20 t, IPoints p) {
        token = t;
        points = p;
    }

    function pay(address to, uint256 amount) external {
        // fix: HS-TOKEN-001 review
        token.transfer(to, amount);
    }

    // SafeERC20's functions attach to IERC20 only: not offered on another interface.
    function reward(address to, uint256 amount) external {
        // fix: HS-TOKEN-001 none
        points.transfer(to, amount);
    }
}
