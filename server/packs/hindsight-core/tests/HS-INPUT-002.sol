// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Market {
    address public owner;
    uint256 public feeBps;
    uint16 public royaltyPercent;
    uint256 public price;
    uint256 public constant MAX_FEE_BPS = 1_000;

    error FeeTooHigh();

    modifier onlyOwner() {
        require(msg.sender == owner, "owner");
        _;
    }

    function setFee(uint256 newFeeBps) external onlyOwner {
        // expect: HS-INPUT-002
        feeBps = newFeeBps;
    }

    function setRoyalty(uint16 pct) external {
        require(msg.sender == owner, "owner");
        // expect: HS-INPUT-002
        royaltyPercent = pct;
    }

    function setFeeChecked(uint256 newFeeBps) external onlyOwner {
        require(newFeeBps <= MAX_FEE_BPS, "fee");
        // ok: HS-INPUT-002
        feeBps = newFeeBps;
    }

    function setFeeReverting(uint256 newFeeBps) external onlyOwner {
        if (newFeeBps > MAX_FEE_BPS) revert FeeTooHigh();
        // ok: HS-INPUT-002
        feeBps = newFeeBps;
    }

    function setPrice(uint256 newPrice) external onlyOwner {
        // ok: HS-INPUT-002
        price = newPrice;
    }

    function setMyFee(uint256 newFeeBps) external {
        // ok: HS-INPUT-002
        feeBps = newFeeBps;
    }
}
