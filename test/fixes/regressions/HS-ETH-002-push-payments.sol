// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Issue 18: an ignored `send` result can be on purpose. The refund of an outbid bidder and a payout loop ignore it
// so that one payee that reverts cannot block everyone (SWC-113): `require(send)` there is a denial of service.
contract Auction {
    address payable public highestBidder;
    uint256 public highestBid;

    function bid() external payable {
        require(msg.value > highestBid, "bid higher");
        if (highestBidder != address(0)) {
            // fix: HS-ETH-002 none
            highestBidder.send(highestBid);
        }
        highestBidder = payable(msg.sender);
        highestBid = msg.value;
    }
}

contract Payroll {
    address payable[] public payees;
    mapping(address => uint256) public owed;

    function payAll() external {
        for (uint256 i = 0; i < payees.length; i++) {
            // fix: HS-ETH-002 none
            payees[i].send(1 ether);
        }
    }

    function withdraw() external {
        uint256 amount = owed[msg.sender];
        owed[msg.sender] = 0;
        // fix: HS-ETH-002 review
        payable(msg.sender).send(amount);
    }
}
