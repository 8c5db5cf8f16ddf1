pragma solidity ^0.8.20;

interface IOracle {
    function price() external view returns (uint256);
}

contract Pool {
    mapping(address => uint256) public balances;
    uint256 public totalSupply;

    function withdraw(uint256 amount) external {
        // expect: HS-CODE-006
        assert(balances[msg.sender] >= amount);
        balances[msg.sender] -= amount;
        totalSupply -= amount;
    }

    function check(IOracle oracle) public view {
        // expect: HS-CODE-006
        assert(oracle.price() > 0);
    }

    function withdrawChecked(uint256 amount) external {
        // ok: HS-CODE-006
        require(balances[msg.sender] >= amount, "balance");
        balances[msg.sender] -= amount;
        _burn(amount);
    }

    function _burn(uint256 amount) internal {
        uint256 before = totalSupply;
        totalSupply -= amount;
        // ok: HS-CODE-006
        assert(totalSupply <= before);
    }
}

contract Slots {
    bytes32 internal constant SLOT = bytes32(uint256(keccak256("example.slot")) - 1);

    constructor() {
        // ok: HS-CODE-006
        assert(SLOT == bytes32(uint256(keccak256("example.slot")) - 1));
    }

    function unreachable(uint256 x) internal pure returns (uint256) {
        if (x > 1) return x;
        // expect: HS-CODE-006
        assert(false);
        return 0;
    }
}

contract SlotCheck {
    bytes32 internal constant IMPL = bytes32(uint256(keccak256("example.impl")) - 1);

    function init() public {
        // ok: HS-CODE-006
        assert(IMPL == bytes32(uint256(keccak256("example.impl")) - 1));
    }
}
