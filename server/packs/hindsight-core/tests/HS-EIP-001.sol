pragma solidity ^0.8.20;

contract Mint {
    mapping(address => uint256) public minted;

    modifier onlyEOA() {
        // expect: HS-EIP-001
        require(msg.sender == tx.origin, "no contracts");
        _;
    }

    function mint() external onlyEOA {
        minted[msg.sender] += 1;
    }

    function mintOnce() external {
        // expect: HS-EIP-001
        if (tx.origin != msg.sender) revert();
        minted[msg.sender] += 1;
    }

    function origin() external view returns (address) {
        // ok: HS-EIP-001
        return tx.origin;
    }

    function mintAny() external {
        // ok: HS-EIP-001
        require(minted[msg.sender] == 0, "once");
        minted[msg.sender] = 1;
    }
}
