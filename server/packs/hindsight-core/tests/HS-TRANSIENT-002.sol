pragma solidity ^0.8.28;

interface IERC20 {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

contract BatchRouter {
    IERC20 public token;
    uint256 transient approvedAmount;
    address transient payer;
    mapping(address => uint256) transient pulled;

    function approveStep(uint256 amount) external {
        // expect: HS-TRANSIENT-002
        approvedAmount = amount;
        // expect: HS-TRANSIENT-002
        payer = msg.sender;
    }

    function pullStep(address to) external {
        token.transferFrom(payer, to, approvedAmount);
        // expect: HS-TRANSIENT-002
        pulled[to] += approvedAmount;
    }
}

contract CleanRouter {
    IERC20 public token;
    uint256 transient approvedAmount;
    address transient payer;

    function approveStep(uint256 amount) external {
        // ok: HS-TRANSIENT-002
        approvedAmount = amount;
        // ok: HS-TRANSIENT-002
        payer = msg.sender;
    }

    function pullStep(address to) external {
        uint256 amount = approvedAmount;
        address from = payer;
        // ok: HS-TRANSIENT-002
        approvedAmount = 0;
        delete payer;
        token.transferFrom(from, to, amount);
    }
}

contract StorageRouter {
    uint256 approvedAmount;

    function approveStep(uint256 amount) external {
        // ok: HS-TRANSIENT-002
        approvedAmount = amount;
    }
}

contract SlotRouter {
    uint256 constant POOL_SLOT = 1;

    // expect: HS-TRANSIENT-002
    function swapVia(address pool) external {
        assembly {
            tstore(POOL_SLOT, pool)
        }
        ISwapPool(pool).swap();
    }

    function swapCallback() external {
        address pool;
        assembly {
            pool := tload(POOL_SLOT)
        }
        require(msg.sender == pool, "not the pool");
    }
}

contract SlotRouterCleared {
    uint256 constant POOL_SLOT = 1;

    // ok: HS-TRANSIENT-002
    function swapVia(address pool) external {
        assembly {
            tstore(POOL_SLOT, pool)
        }
        ISwapPool(pool).swap();
        assembly {
            tstore(POOL_SLOT, 0)
        }
    }
}

contract SlotFlag {
    uint256 constant FLAG_SLOT = 2;

    // ok: HS-TRANSIENT-002
    function enter() external {
        assembly {
            tstore(FLAG_SLOT, 1)
        }
    }
}

interface ISwapPool {
    function swap() external;
}
