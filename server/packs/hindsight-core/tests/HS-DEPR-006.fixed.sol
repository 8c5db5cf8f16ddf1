pragma solidity ^0.4.24;

contract Old {
    address public owner = msg.sender;

    function guarded() public view {
        if (msg.sender != owner) {
            // expect: HS-DEPR-006
            revert();
        }
    }

    function guarded2(uint256 x) public pure {
        // expect: HS-DEPR-006
        if (x == 0) revert();
    }

    function guardedModern() public view {
        // ok: HS-DEPR-006
        require(msg.sender == owner);
    }

    function guardedRevert() public view {
        // ok: HS-DEPR-006
        if (msg.sender != owner) revert();
    }
}
