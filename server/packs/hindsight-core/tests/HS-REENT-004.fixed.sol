// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

contract Rewards is ERC1155 {
    mapping(address => bool) public claimed;
    mapping(address => uint256) public credits;

    constructor() ERC1155("") {}

    function claim() external {
        require(!claimed[msg.sender], "claimed");
        // expect: HS-REENT-004
        _mint(msg.sender, 1, 1, "");
        claimed[msg.sender] = true;
    }

    function redeem(ERC1155 other, uint256 id, uint256 amount) external {
        require(credits[msg.sender] >= amount, "credits");
        // expect: HS-REENT-004
        other.safeTransferFrom(address(this), msg.sender, id, amount, "");
        credits[msg.sender] -= amount;
    }

    function claimCEI() external {
        require(!claimed[msg.sender], "claimed");
        claimed[msg.sender] = true;
        // ok: HS-REENT-004
        _mint(msg.sender, 1, 1, "");
    }

    function redeemCEI(ERC1155 other, uint256 id, uint256 amount) external {
        credits[msg.sender] -= amount;
        // ok: HS-REENT-004
        other.safeTransferFrom(address(this), msg.sender, id, amount, "");
    }
}
