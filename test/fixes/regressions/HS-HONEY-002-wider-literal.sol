pragma solidity ^0.4.24;

// The safe fix writes the type `var` already gives: uint8, for a literal from 0 to 255 only. A larger literal is
// typed wider (300 is uint16), so writing uint8 would not compile: no fix there.
contract Tally {
    uint256 public total;

    function add(uint256 n) public {
        // fix: HS-HONEY-002 safe
        var first = 255;
        // fix: HS-HONEY-002 none
        var wide = 300;
        // fix: HS-HONEY-002 safe
        var small = 7;
        total += n + first + wide + small;
    }
}
