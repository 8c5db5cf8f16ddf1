// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Fees {
    address public owner;
    address public treasury;
    address payable public feeRecipient;
    address public keeper;

    error ZeroAddress();

    modifier onlyOwner() {
        require(msg.sender == owner, "owner");
        _;
    }

    function setTreasury(address newTreasury) external onlyOwner {
        // expect: HS-INPUT-003
        treasury = newTreasury;
    }

    function setFeeRecipient(address payable to) external {
        require(msg.sender == owner, "owner");
        // expect: HS-INPUT-003
        feeRecipient = to;
    }

    function setTreasuryChecked(address newTreasury) external onlyOwner {
        require(newTreasury != address(0), "zero");
        // ok: HS-INPUT-003
        treasury = newTreasury;
    }

    function setFeeRecipientChecked(address payable to) external onlyOwner {
        if (to == address(0)) revert ZeroAddress();
        // ok: HS-INPUT-003
        feeRecipient = to;
    }

    function setKeeper(address k) external onlyOwner {
        // ok: HS-INPUT-003
        keeper = k;
    }

    function claimTreasury(address newTreasury) external {
        // ok: HS-INPUT-003
        treasury = newTreasury;
    }

    function sweep() external {
        payable(treasury).transfer(address(this).balance);
    }
}
