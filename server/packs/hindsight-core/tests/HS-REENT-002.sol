// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

contract Staking {
    using SafeERC20 for IERC20;

    IERC20 public token;
    mapping(address => uint256) public staked;

    function unstake() external {
        uint256 amount = staked[msg.sender];
        // expect: HS-REENT-002
        token.safeTransfer(msg.sender, amount);
        staked[msg.sender] = 0;
    }

    function unstakeSome(uint256 amount) external {
        // expect: HS-REENT-002
        require(token.transfer(msg.sender, amount), "transfer");
        staked[msg.sender] -= amount;
    }

    function unstakeCEI() external {
        uint256 amount = staked[msg.sender];
        staked[msg.sender] = 0;
        // ok: HS-REENT-002
        token.safeTransfer(msg.sender, amount);
    }

    function unstakeGuarded() external nonReentrant {
        uint256 amount = staked[msg.sender];
        // ok: HS-REENT-002
        token.safeTransfer(msg.sender, amount);
        delete staked[msg.sender];
    }

    modifier nonReentrant() {
        _;
    }
}
