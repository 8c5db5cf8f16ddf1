// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IReceiver {
    function accepts(uint256 amount) external returns (bool);
    function quote() external view returns (uint256);
}

interface IRegistry {
    function notify(address who) external;
}

// A check in one modifier, the call in the next: the receiver re-enters while the check still passes.
contract Airdrop {
    mapping(address => uint256) public credit;
    IRegistry public registry;
    uint256 private locked = 1;

    modifier firstClaim() {
        require(credit[msg.sender] == 0, "claimed");
        _;
    }

    modifier asksCaller() {
        // expect: HS-REENT-008
        require(IReceiver(msg.sender).accepts(10), "refused");
        _;
    }

    modifier asksCallerFirst() {
        // ok: HS-REENT-008
        require(IReceiver(msg.sender).accepts(10), "refused");
        _;
    }

    modifier nonReentrant() {
        require(locked == 1, "reentered");
        locked = 2;
        _;
        locked = 1;
    }

    function claim() external firstClaim asksCaller {
        credit[msg.sender] += 10;
    }

    // The call runs before the check: a re-entered claim has already written the credit.
    function claimOrdered() external asksCallerFirst firstClaim {
        credit[msg.sender] += 10;
    }

    // Inline: the hook is asked between the check and the write.
    function redeem(uint256 amount) external {
        require(credit[msg.sender] >= amount, "credit");
        // expect: HS-REENT-008
        registry.notify(msg.sender);
        credit[msg.sender] -= amount;
    }

    // Checks-effects-interactions: the credit is written before the call.
    function redeemCEI(uint256 amount) external {
        require(credit[msg.sender] >= amount, "credit");
        credit[msg.sender] -= amount;
        // ok: HS-REENT-008
        registry.notify(msg.sender);
    }

    // A read-only call hands over no control that can write.
    function peek() external {
        uint256 c = credit[msg.sender];
        // ok: HS-REENT-008
        uint256 q = IReceiver(msg.sender).quote();
        credit[msg.sender] = c + q;
    }

    // Under a lock, re-entering reverts.
    function redeemLocked(uint256 amount) external nonReentrant {
        require(credit[msg.sender] >= amount, "credit");
        // ok: HS-REENT-008
        registry.notify(msg.sender);
        credit[msg.sender] -= amount;
    }
}
