pragma solidity ^0.4.24;

// Issue 18: a parameter or a local named `now` is not the builtin; rewriting its declaration into
// `uint256 block.timestamp` does not compile, and rewriting its uses changes what they read.
contract Clock {
    uint256 public last;

    // fix: HS-DEPR-001 none
    function at(uint256 now) public pure returns (uint256) {
        // fix: HS-DEPR-001 none
        return now + 1;
    }

    function later(uint256 delay) public view returns (uint256) {
        // fix: HS-DEPR-001 none
        uint256 now = block.number;
        // fix: HS-DEPR-001 none
        return now + delay;
    }

    function tick() public {
        // fix: HS-DEPR-001 safe
        last = now;
    }
}
