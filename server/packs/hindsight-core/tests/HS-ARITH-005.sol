// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Perp {
    mapping(address => int256) public pnl;
    mapping(address => uint256) public balance;
    int256 public fundingIndex;
    error Negative();

    function settle(address trader, int256 entryIndex, int256 size) external {
        int256 owed = (fundingIndex - entryIndex) * size;
        // expect: HS-ARITH-005
        balance[trader] += uint256(owed);
    }

    function realise(address trader) external returns (uint256 paid) {
        int256 p = pnl[trader];
        pnl[trader] = 0;
        // expect: HS-ARITH-005
        paid = uint(p);
        balance[trader] += paid;
    }

    function decayed(int256 bias, int256 slope, int256 dt) external pure returns (uint256) {
        // expect: HS-ARITH-005
        return uint256(bias - slope * dt);
    }

    function settleChecked(address trader, int256 entryIndex, int256 size) external {
        int256 owed = (fundingIndex - entryIndex) * size;
        require(owed >= 0, "negative");
        // ok: HS-ARITH-005
        balance[trader] += uint256(owed);
    }

    function realiseGuarded(address trader) external returns (uint256 paid) {
        int256 p = pnl[trader];
        if (p < 0) revert Negative();
        pnl[trader] = 0;
        // ok: HS-ARITH-005
        paid = uint256(p);
    }

    function positivePart(int256 x) external pure returns (uint256) {
        // ok: HS-ARITH-005
        return x > 0 ? uint256(x) : 0;
    }

    function abs(int256 x) external pure returns (uint256) {
        // ok: HS-ARITH-005
        return x >= 0 ? uint256(x) : uint256(-x);
    }

    function onlyGains(address trader) external {
        int256 p = pnl[trader];
        if (p > 0) {
            // ok: HS-ARITH-005
            balance[trader] += uint256(p);
        }
    }

    function fromUnsigned(uint256 amount) external pure returns (uint256) {
        // ok: HS-ARITH-005
        return uint256(int256(amount));
    }
}

contract Vault05 {
    uint256 public marginTotal;

    function settleFunding(int256 fee) external {
        // expect: HS-ARITH-005
        marginTotal = (int256(marginTotal) > fee) ? uint256(int256(marginTotal) + fee) : 0;
    }

    int256 public reserveFactor = 500;

    function factor() external view returns (uint256) {
        // ok: HS-ARITH-005
        return uint256(reserveFactor);
    }
}
