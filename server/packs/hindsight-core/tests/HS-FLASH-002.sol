// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function balanceOf(address) external view returns (uint256);
    function totalSupply() external view returns (uint256);
    function transfer(address, uint256) external returns (bool);
}

contract LiveBalanceDividends {
    IERC20 public stakeToken;
    IERC20 public rewardToken;
    uint256 public rewardPool;
    mapping(address => bool) public claimed;
    mapping(address => uint256) public snapshotBalance;
    uint256 public snapshotSupply;

    function claim() external {
        require(!claimed[msg.sender], "claimed");
        claimed[msg.sender] = true;
        // expect: HS-FLASH-002
        uint256 amount = rewardPool * stakeToken.balanceOf(msg.sender) / stakeToken.totalSupply();
        rewardToken.transfer(msg.sender, amount);
    }

    function earned(address account) public view returns (uint256) {
        // expect: HS-FLASH-002
        return IERC20(stakeToken).balanceOf(account) * rewardPool / 1e18;
    }

    // Paid from a snapshot recorded before the distribution.
    function claimFromSnapshot() external {
        require(!claimed[msg.sender], "claimed");
        claimed[msg.sender] = true;
        // ok: HS-FLASH-002
        uint256 amount = rewardPool * snapshotBalance[msg.sender] / snapshotSupply;
        rewardToken.transfer(msg.sender, amount);
    }

    // The contract's own reward reserve, not a holder's weight.
    function distributable() external view returns (uint256) {
        // ok: HS-FLASH-002
        return rewardToken.balanceOf(address(this)) - rewardPool;
    }

    // Eligibility only: compared, not used as a weight.
    function claimBadge() external view returns (bool) {
        // ok: HS-FLASH-002
        return stakeToken.balanceOf(msg.sender) > 0;
    }
}
