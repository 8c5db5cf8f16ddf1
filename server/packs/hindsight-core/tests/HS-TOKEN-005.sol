// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

contract Vault {
    using SafeERC20 for IERC20;

    struct Account {
        uint256 balance;
    }

    IERC20 public token;
    mapping(address => uint256) public deposits;
    mapping(address => Account) public accounts;

    function deposit(uint256 amount) external {
        // expect: HS-TOKEN-005
        token.safeTransferFrom(msg.sender, address(this), amount);
        deposits[msg.sender] += amount;
    }

    function depositAccount(uint256 amount) external {
        // expect: HS-TOKEN-005
        token.safeTransferFrom(msg.sender, address(this), amount);
        accounts[msg.sender].balance += amount;
    }

    function depositMeasured(uint256 amount) external {
        uint256 before = token.balanceOf(address(this));
        // ok: HS-TOKEN-005
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        deposits[msg.sender] += received;
    }

    function donate(uint256 amount) external {
        // ok: HS-TOKEN-005
        token.safeTransferFrom(msg.sender, address(this), amount);
    }
}
