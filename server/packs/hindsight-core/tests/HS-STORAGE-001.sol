pragma solidity ^0.4.24;

contract Raffle {
    struct Ticket {
        address holder;
        uint256 pick;
    }

    address public operator;
    uint256 private seed;
    Ticket[] public tickets;
    mapping(address => uint256) public wins;

    function enter(uint256 pick) public payable {
        // expect: HS-STORAGE-001
        Ticket t;
        t.holder = msg.sender;
        t.pick = pick;
        tickets.push(t);
    }

    function enterArray(uint256 pick) public {
        // expect: HS-STORAGE-001
        uint256[] picks;
        picks.push(pick);
    }

    function enterMemory(uint256 pick) public {
        // ok: HS-STORAGE-001
        Ticket memory t;
        t.holder = msg.sender;
        t.pick = pick;
        tickets.push(t);
    }

    function lastTicket() public view returns (address) {
        // ok: HS-STORAGE-001
        Ticket storage t = tickets[tickets.length - 1];
        return t.holder;
    }

    function firstHolder() public view returns (address) {
        // ok: HS-STORAGE-001
        Ticket first = tickets[0];
        return first.holder;
    }

    function counter() public pure returns (uint256) {
        // ok: HS-STORAGE-001
        uint256 n;
        return n + 1;
    }
}
