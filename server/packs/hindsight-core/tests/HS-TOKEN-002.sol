// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

contract Deposits {
    using SafeERC20 for IERC20;

    IERC20 public token;
    IERC721 public nft;
    mapping(address => uint256) public deposits;

    function deposit(uint256 amount) external {
        // expect: HS-TOKEN-002
        token.transferFrom(msg.sender, address(this), amount);
        deposits[msg.sender] += amount;
    }

    function depositAsset(address asset, uint256 amount) external {
        // expect: HS-TOKEN-002
        IERC20(asset).transferFrom(msg.sender, address(this), amount);
    }

    function depositSafe(uint256 amount) external {
        // ok: HS-TOKEN-002
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function depositChecked(uint256 amount) external {
        // ok: HS-TOKEN-002
        require(token.transferFrom(msg.sender, address(this), amount), "transfer failed");
    }

    function stakeNft(uint256 id) external {
        // ok: HS-TOKEN-002
        nft.transferFrom(msg.sender, address(this), id);
    }
}
