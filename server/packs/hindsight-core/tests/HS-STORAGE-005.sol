pragma solidity ^0.4.25;

contract Codes {
    uint256[] private codes;
    uint256[] private queue;
    address private owner;

    constructor() public {
        owner = msg.sender;
    }

    function push(uint256 c) public {
        codes.push(c);
    }

    function pop() public {
        require(0 <= codes.length);
        // expect: HS-STORAGE-005
        codes.length--;
    }

    function shrink(uint256 n) public {
        // expect: HS-STORAGE-005
        codes.length -= n;
    }

    function set(uint256 key, uint256 value) public {
        if (codes.length <= key) {
            // expect: HS-STORAGE-005
            codes.length = key + 1;
        }
        codes[key] = value;
    }

    function popChecked() public {
        require(codes.length > 0);
        // ok: HS-STORAGE-005
        codes.length--;
    }

    function popIfAny() public {
        if (queue.length > 0) {
            // ok: HS-STORAGE-005
            queue.length--;
        }
    }

    function clear() public {
        // ok: HS-STORAGE-005
        codes.length = 0;
    }

    function resize(uint256 n) public {
        require(msg.sender == owner);
        // ok: HS-STORAGE-005
        queue.length = n;
    }
}
