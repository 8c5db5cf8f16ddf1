// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function balanceOf(address who) external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// The audited repository of the `hindsight learn` demo (see ../README.md): audit-report.md links to its bugs.
contract RewardsVault {
    IERC20 public immutable token;
    address public owner;
    uint256 public rewardRate;
    uint256 public totalShares;
    uint256 public accountedAssets;
    mapping(address => uint256) public shares;

    constructor(IERC20 token_) {
        token = token_;
        owner = msg.sender;
    }

    function setOwner(address next) external {
        require(msg.sender == owner, "owner");
        owner = next;
    }

    function setRewardRate(uint256 rate) external {
        rewardRate = rate;
    }

    function totalAssets() public view returns (uint256) {
        return accountedAssets;
    }

    function sharePrice() public view returns (uint256) {
        return (token.balanceOf(address(this)) * 1e18) / totalShares;
    }

    function deposit(uint256 amount) external {
        require(token.transferFrom(msg.sender, address(this), amount), "pull");
        uint256 minted = totalShares == 0 ? amount : (amount * 1e18) / sharePrice();
        shares[msg.sender] += minted;
        totalShares += minted;
        accountedAssets += amount;
    }
}
