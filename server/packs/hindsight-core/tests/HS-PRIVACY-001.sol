pragma solidity ^0.8.20;

contract Vaultish {
    // expect: HS-PRIVACY-001
    string private password;
    // expect: HS-PRIVACY-001
    uint256 private secretNumber;
    // expect: HS-PRIVACY-001
    bytes32 private seed;
    // ok: HS-PRIVACY-001
    bytes32 private answerHash;
    // ok: HS-PRIVACY-001
    address private treasury;
    // ok: HS-PRIVACY-001
    uint256 public answer;

    constructor(string memory pw, uint256 n, bytes32 s, bytes32 h) {
        password = pw;
        secretNumber = n;
        seed = s;
        answerHash = h;
        treasury = msg.sender;
    }

    function unlock(string calldata pw) external view returns (bool) {
        return keccak256(bytes(pw)) == keccak256(bytes(password));
    }

    function guess(uint256 n) external view returns (bool) {
        return n == secretNumber;
    }

    function check(string calldata a) external view returns (bool) {
        return keccak256(bytes(a)) == answerHash;
    }
}
