pragma solidity ^0.8.28;

contract OneShot {
    bool transient entered;
    uint256 public total;

    function deposit() external payable {
        require(!entered, "reentered");
        // expect: HS-TRANSIENT-001
        entered = true;
        total += msg.value;
    }
}

contract Guarded {
    bool transient locked;
    uint256 public total;

    modifier lock() {
        require(!locked, "reentered");
        // ok: HS-TRANSIENT-001
        locked = true;
        _;
        locked = false;
    }

    function deposit() external payable lock {
        total += msg.value;
    }
}

contract Paired {
    bool transient busy;

    function _enter() internal {
        require(!busy);
        // ok: HS-TRANSIENT-001
        busy = true;
    }

    function _exit() internal {
        delete busy;
    }

    function run() external {
        _enter();
        _exit();
    }
}

contract AsmLock {
    bytes32 constant SLOT = keccak256("lock");

    // expect: HS-TRANSIENT-001
    function enter() external {
        assembly {
            if tload(SLOT) { revert(0, 0) }
            tstore(SLOT, 1)
        }
    }
}

contract AsmLockReset {
    bytes32 constant SLOT = keccak256("lock");

    // ok: HS-TRANSIENT-001
    function enter() external {
        assembly {
            if tload(SLOT) { revert(0, 0) }
            tstore(SLOT, 1)
        }
        this.work();
        assembly {
            tstore(SLOT, 0)
        }
    }

    function work() external {}
}
