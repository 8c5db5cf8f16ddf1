// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Raffle {
    uint256 public pot = 1000;
    address public winner;
    address public operator = msg.sender;
    bytes32 private constant POT_SLOT = keccak256("raffle.pot");

    // expect: HS-ACCESS-014
    function draw(address entrant) public {
        require(msg.sender == operator);
        assembly {
            sstore(1, entrant)
        }
    }

    // The operator's own slot, from a helper anyone can call.
    // expect: HS-ACCESS-014
    function claimOperator() public {
        assembly {
            sstore(2, caller())
        }
    }

    // By name, through `.slot`: nothing hidden.
    // ok: HS-ACCESS-014
    function reset() public {
        require(msg.sender == operator);
        assembly {
            sstore(winner.slot, 0)
        }
    }

    // A namespaced slot far from the contract's own variables.
    // ok: HS-ACCESS-014
    function stash(uint256 v) public {
        bytes32 s = POT_SLOT;
        assembly {
            sstore(s, v)
        }
    }

    // Reading a slot by number changes nothing.
    // ok: HS-ACCESS-014
    function peek() public view returns (address who) {
        assembly {
            who := sload(2)
        }
    }
}
