pragma solidity ^0.8.20;

contract Guess {
    uint256 private secret;

    constructor(uint256 s) payable {
        secret = s;
    }

    function pay(address to, uint256 amount, uint256 fee) internal {
        payable(to).transfer(amount - fee);
    }

    // expect: HS-CODE-001
    function guess(uint256 n) external payable {
        if (n == secret) {
            pay(msg.sender, /*amount‮/*eef*/ 1 ether, /*fee‬*/ 0);
        }
    }

    // expect: HS-CODE-001
    modifier costs(uint256 price) {
        require(msg.value >= price /* price‮ */);
        _;
    }

    // ok: HS-CODE-001
    function label() external pure returns (string memory) {
        return "plain text, left to right";
    }

    // ok: HS-CODE-001
    function guessPlain(uint256 n) external payable {
        if (n == secret) {
            pay(msg.sender, /* amount */ 1 ether, /* fee */ 0);
        }
    }
}
