pragma solidity ^0.4.24;

contract Registry {
    address public owner;
    uint256[] private entries;
    uint256[] private queue;
    uint256[] private codes;

    constructor() public {
        owner = msg.sender;
    }

    // The length follows the caller's key: set(2**256 - 1 - slot, x) writes any slot.
    function set(uint256 key, uint256 value) public {
        if (entries.length <= key) {
            entries.length = key + 1;
        }
        // expect: HS-ACCESS-013
        entries[key] = value;
    }

    function push(uint256 v) public {
        queue.push(v);
    }

    // `0 <= length` always holds: popping the empty queue wraps its length.
    function pop() public {
        require(0 <= queue.length);
        queue.length--;
    }

    function update(uint256 idx, uint256 v) public {
        require(idx < queue.length);
        // expect: HS-ACCESS-013
        queue[idx] = v;
    }

    function pushCode(uint256 v) public {
        codes.push(v);
    }

    // Checked before shrinking: the length stays real.
    function popCode() public {
        require(0 < codes.length);
        codes.length--;
    }

    function updateCode(uint256 idx, uint256 v) public {
        require(idx < codes.length);
        // ok: HS-ACCESS-013
        codes[idx] = v;
    }

    // The owner's own maintenance.
    function fix(uint256 idx, uint256 v) public {
        require(msg.sender == owner);
        // ok: HS-ACCESS-013
        entries[idx] = v;
    }
}
