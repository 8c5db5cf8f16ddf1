pragma solidity ^0.4.24;

contract Settings {
    // expect: HS-CODE-004
    uint256 limit = 15;
    // ok: HS-CODE-004
    uint256 constant MAX = 16;
    // expect: HS-CODE-004
    mapping(address => uint256) credits;
    // ok: HS-CODE-004
    uint256 public fee = 3;
    // ok: HS-CODE-004
    bytes32 private salt;
    // ok: HS-CODE-004
    address internal admin;

    function credit(uint256 amount) public returns (uint256) {
        require(amount <= limit + MAX);
        credits[msg.sender] += amount + fee;
        salt = keccak256(abi.encodePacked(salt, msg.sender));
        admin = msg.sender;
        return credits[msg.sender];
    }
}
