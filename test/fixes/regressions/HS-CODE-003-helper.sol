pragma solidity ^0.4.24;

// Writing `public` on a function without a visibility keeps what it does (it is public before 0.5), but on a
// function the code calls itself it would settle silently what may be the bug: a helper meant to be internal. No
// fix there; only for functions nothing in the file calls.
contract Payout {
    mapping(address => uint256) public credit;

    // fix: HS-CODE-003 safe
    function deposit() payable {
        _record(msg.sender, msg.value);
    }

    // fix: HS-CODE-003 none
    function _record(address who, uint256 amount) {
        credit[who] += amount;
    }

    // fix: HS-CODE-003 safe
    function balanceOf(address who) constant returns (uint256) {
        return credit[who];
    }
}
