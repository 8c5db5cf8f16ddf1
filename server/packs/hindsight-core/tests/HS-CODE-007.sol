pragma solidity ^0.8.20;

contract Jumper {
    struct Hook {
        function() internal fn;
    }

    function pay() internal {
        payable(msg.sender).transfer(address(this).balance);
    }

    function noop() internal {}

    function run(uint256 offset) external payable {
        Hook memory h;
        // expect: HS-CODE-007
        h.fn = noop;
        assembly {
            mstore(h, add(mload(h), offset))
        }
        h.fn();
    }

    function runLocal(uint256 target) external {
        // expect: HS-CODE-007
        function() internal f = noop;
        assembly {
            f := target
        }
        f();
    }

    function runStored(uint256 target) external {
        Hook memory h;
        // expect: HS-CODE-007
        h.fn = pay;
        assembly {
            mstore(h, target)
        }
        h.fn();
    }

    function runPlain() external {
        // ok: HS-CODE-007
        function() internal f = noop;
        f();
    }

    function hash(bytes32 a) external pure returns (bytes32 r) {
        // ok: HS-CODE-007
        assembly {
            mstore(0, a)
            r := keccak256(0, 32)
        }
    }
}
