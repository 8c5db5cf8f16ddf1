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
