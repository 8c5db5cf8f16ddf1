pragma solidity ^0.4.24;

contract Sale {
    uint256 public raised;

    function valid() internal view returns (bool) {
        return msg.value > 0;
    }

    function buy() public payable {
        require(valid());
        raised += msg.value;
    }
}

contract CappedSale is Sale {
    uint256 public cap = 100 ether;

    function valid() internal view returns (bool) {
        return super.valid() && raised + msg.value <= cap;
    }
}

contract ListedSale is Sale {
    mapping(address => bool) public listed;

    function valid() internal view returns (bool) {
        return super.valid() || listed[msg.sender];
    }
}

// expect: HS-INHERIT-001
contract TokenSale is CappedSale, ListedSale {}

// expect: HS-INHERIT-001
contract OtherSale is ListedSale, CappedSale {
    function name() public pure returns (string) {
        return "other";
    }
}

// ok: HS-INHERIT-001
contract ExplicitSale is CappedSale, ListedSale {
    function valid() internal view returns (bool) {
        return CappedSale.valid() && ListedSale.valid();
    }
}

// ok: HS-INHERIT-001
contract PlainSale is CappedSale {}
