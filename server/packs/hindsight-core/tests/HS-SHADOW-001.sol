pragma solidity ^0.4.24;

contract Owned {
    address public owner;
    uint256 internal cap = 100 ether;
    uint256 private fee;

    function Owned() public {
        owner = msg.sender;
    }

    modifier onlyOwner() {
        require(msg.sender == owner);
        _;
    }
}

contract Throne is Owned {
    // expect: HS-SHADOW-001
    address public owner;
    // expect: HS-SHADOW-001
    uint256 cap = 10 ether;
    // ok: HS-SHADOW-001
    uint256 public stake;

    function claim() public payable {
        if (msg.value > stake) {
            owner = msg.sender;
            stake = msg.value;
        }
    }

    function withdraw() public onlyOwner {
        msg.sender.transfer(address(this).balance);
    }
}

contract Grandchild is Throne {
    // expect: HS-SHADOW-001
    uint256 private fee;
    // ok: HS-SHADOW-001
    uint256 private bonus;
}

contract Unrelated {
    // ok: HS-SHADOW-001
    address public owner;
}
