// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// Owner checked through msg.sender, tokens sent with SafeERC20, ETH withdrawn with a checked call, no selfdestruct.
contract TokenSale {
    using SafeERC20 for IERC20;

    IERC20 public immutable token;
    address public owner;
    uint256 public constant RATE = 1000;

    modifier onlyOwner() {
        require(msg.sender == owner, "not owner");
        _;
    }

    constructor(IERC20 _token) {
        token = _token;
        owner = msg.sender;
    }

    function buy() external payable {
        token.safeTransfer(msg.sender, msg.value * RATE);
    }

    function withdraw(address payable to) external onlyOwner {
        (bool ok, ) = to.call{value: address(this).balance}("");
        require(ok, "withdraw failed");
    }
}
