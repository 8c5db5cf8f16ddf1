pragma solidity ^0.4.24;

contract TimeLock {
    uint256 public releaseTime;

    function lock(uint256 duration) public {
        // expect: HS-DEPR-001
        releaseTime = now + duration;
    }

    function released() public view returns (bool) {
        // expect: HS-DEPR-001
        return now >= releaseTime;
    }

    function releasedModern() public view returns (bool) {
        // ok: HS-DEPR-001
        return block.timestamp >= releaseTime;
    }

    function nowish() public view returns (uint256) {
        // ok: HS-DEPR-001
        return block.number;
    }
}
