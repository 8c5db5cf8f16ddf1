// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Auction {
    address public highestBidder;
    uint256 public highestBid;
    mapping(address => uint256) public refunds;

    function bid() external payable {
        require(msg.value > highestBid, "low bid");
        // expect: HS-DOS-002
        payable(highestBidder).transfer(highestBid);
        highestBidder = msg.sender;
        highestBid = msg.value;
    }

    function bidCall() external payable {
        require(msg.value > highestBid, "low bid");
        // expect: HS-DOS-002
        (bool ok, ) = payable(highestBidder).call{value: highestBid}("");
        require(ok, "refund failed");
        highestBidder = msg.sender;
        highestBid = msg.value;
    }

    function bidPull() external payable {
        require(msg.value > highestBid, "low bid");
        // ok: HS-DOS-002
        refunds[highestBidder] += highestBid;
        highestBidder = msg.sender;
        highestBid = msg.value;
    }

    function withdrawRefund() external {
        uint256 amount = refunds[msg.sender];
        refunds[msg.sender] = 0;
        // ok: HS-DOS-002
        payable(msg.sender).transfer(amount);
    }
}

contract ConditionalRefund {
    address currentLeader;
    uint256 currentBid;

    function bid() external payable {
        require(msg.value > currentBid);
        if (currentLeader != address(0)) {
            // expect: HS-DOS-002
            require(payable(currentLeader).send(currentBid));
        }
        currentLeader = msg.sender;
        currentBid = msg.value;
    }

    function bidBestEffort() external payable {
        require(msg.value > currentBid);
        // ok: HS-DOS-002
        payable(currentLeader).send(currentBid);
        currentLeader = msg.sender;
        currentBid = msg.value;
    }
}

// Pre-0.5 spellings.
contract LegacyKing {
    address king;
    uint prize;

    function claim() public payable {
        require(msg.value > prize);
        // expect: HS-DOS-002
        king.transfer(prize);
        king = msg.sender;
        prize = msg.value;
    }

    function claimCall() public payable {
        require(msg.value > prize);
        // expect: HS-DOS-002
        require(king.call.value(prize)());
        king = msg.sender;
        prize = msg.value;
    }
}
