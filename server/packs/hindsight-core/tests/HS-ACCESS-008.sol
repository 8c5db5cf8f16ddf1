// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Mint {
    function mint() external view returns (bool) {
        // expect: HS-ACCESS-008
        require(tx.origin == msg.sender, "no contracts");
        return true;
    }

    function mint2() external view returns (bool) {
        // expect: HS-ACCESS-008
        if (msg.sender == tx.origin) return true;
        return false;
    }

    function mint3() external view returns (address) {
        // ok: HS-ACCESS-008
        return msg.sender;
    }

    function origin() external view returns (address) {
        // ok: HS-ACCESS-008
        return tx.origin;
    }
}
