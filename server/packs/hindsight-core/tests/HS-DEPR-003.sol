pragma solidity ^0.4.24;

contract Old {
    address public owner = msg.sender;

    function kill() public {
        require(msg.sender == owner);
        // expect: HS-DEPR-003
        suicide(owner);
    }

    function kill2(address to) public {
        require(msg.sender == owner);
        // expect: HS-DEPR-003
        suicide(to);
    }

    function killModern() public {
        require(msg.sender == owner);
        // ok: HS-DEPR-003
        selfdestruct(owner);
    }

    function noop() public view returns (address) {
        // ok: HS-DEPR-003
        return owner;
    }
}
