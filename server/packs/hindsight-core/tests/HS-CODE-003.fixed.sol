pragma solidity ^0.4.24;

contract Prize {
    address public owner;

    function Prize() {
        owner = msg.sender;
    }

    // expect: HS-CODE-003
    function claim() public {
        require(uint32(msg.sender) == 0);
        _payout();
    }

    // expect: HS-CODE-003
    function _payout() {
        msg.sender.transfer(this.balance);
    }

    // ok: HS-CODE-003
    function claimExplicit() public {
        _payoutInternal();
    }

    // ok: HS-CODE-003
    function _payoutInternal() internal {
        msg.sender.transfer(this.balance);
    }

    function() payable {}
}
