pragma solidity ^0.8.20;

library AddressAliasHelper {
    uint160 constant OFFSET = uint160(0x1111000000000000000000000000000000001111);

    function undoL1ToL2Alias(address a) internal pure returns (address) {
        unchecked {
            return address(uint160(a) - OFFSET);
        }
    }
}

contract L2Receiver {
    address public immutable l1Counterpart;
    uint256 public lastValue;

    constructor(address counterpart) {
        l1Counterpart = counterpart;
    }

    function receiveFromL1(uint256 value) external {
        // expect: HS-L2-001
        require(msg.sender == l1Counterpart, "only L1");
        lastValue = value;
    }

    function receiveOther(uint256 value) external {
        // expect: HS-L2-001
        if (l1Counterpart != msg.sender) revert();
        lastValue = value;
    }
}

contract L2ReceiverAliased {
    address public immutable l1Counterpart;
    uint256 public lastValue;

    constructor(address counterpart) {
        l1Counterpart = counterpart;
    }

    function receiveFromL1(uint256 value) external {
        // ok: HS-L2-001
        require(AddressAliasHelper.undoL1ToL2Alias(msg.sender) == l1Counterpart, "only L1");
        lastValue = value;
    }
}

contract ChildGatewayWithAlias {
    address public l1GatewayAlias;
    uint256 public lastValue;

    function receiveFromL1(uint256 value) external {
        // ok: HS-L2-001
        require(msg.sender == l1GatewayAlias, "only L1");
        lastValue = value;
    }
}

contract L1Vault {
    address public l1Bridge;
    uint256 public lastValue;

    function onBridge(uint256 value) external {
        // ok: HS-L2-001
        require(msg.sender == l1Bridge, "only bridge");
        lastValue = value;
    }
}
