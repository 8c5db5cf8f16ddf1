// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function transfer(address to, uint256 amount) external returns (bool);
}

contract Shop {
    address public owner;
    uint256 public price;
    uint256 public reward;
    uint256 public fixedFee = 1 ether;
    IERC20 public token;

    modifier onlyOwner() {
        require(msg.sender == owner);
        _;
    }

    function setPrice(uint256 p) external onlyOwner {
        price = p;
    }

    function setReward() external payable {
        require(msg.sender == owner);
        reward = msg.value;
    }

    function buy() external {
        // expect: HS-FRONT-001
        token.transferFrom(msg.sender, owner, price);
    }

    function claim() external {
        // expect: HS-FRONT-001
        payable(msg.sender).transfer(reward);
        reward = 0;
    }

    // The caller bounds what they pay.
    function buyAtMost(uint256 maxPrice) external {
        require(price <= maxPrice, "price changed");
        // ok: HS-FRONT-001
        token.transferFrom(msg.sender, owner, maxPrice);
    }

    // Only the owner runs it: no one else's transaction to front-run.
    function sweep() external onlyOwner {
        // ok: HS-FRONT-001
        payable(owner).transfer(reward);
    }

    // Nobody can change this amount.
    function payFee() external {
        // ok: HS-FRONT-001
        token.transferFrom(msg.sender, owner, fixedFee);
    }
}

// Pre-0.5 spellings.
contract LegacyRace {
    address owner;
    uint public reward;

    function LegacyRace() public {
        owner = msg.sender;
    }

    function setReward() public payable {
        require(msg.sender == owner);
        owner.transfer(reward);
        reward = msg.value;
    }

    function claimReward(uint256 submission) public {
        require(submission < 10);
        // expect: HS-FRONT-001
        msg.sender.transfer(reward);
    }
}
