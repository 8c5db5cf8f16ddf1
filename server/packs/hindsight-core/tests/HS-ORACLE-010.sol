// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface ICurvePool {
    function get_dy(int128 i, int128 j, uint256 dx) external view returns (uint256);
    function get_dy_underlying(int128 i, int128 j, uint256 dx) external view returns (uint256);
    function calc_withdraw_one_coin(uint256 amount, int128 i) external view returns (uint256);
    function get_virtual_price() external view returns (uint256);
    function price_oracle() external view returns (uint256);
    function exchange(int128 i, int128 j, uint256 dx, uint256 minDy) external returns (uint256);
}

contract CurveValuedVault {
    ICurvePool public pool;
    uint256 public lpHeld;

    // Shares are minted and burned at this value: a skewed pool mints more of them.
    function investedUnderlyingBalance() public view returns (uint256) {
        // expect: HS-ORACLE-010
        return pool.calc_withdraw_one_coin(lpHeld, 1);
    }

    function getPrice() external view returns (uint256) {
        // expect: HS-ORACLE-010
        return pool.get_dy(0, 1, 1e18);
    }

    function collateralValue(uint256 amount) external view returns (uint256) {
        // expect: HS-ORACLE-010
        return ICurvePool(pool).get_dy_underlying(0, 1, amount);
    }

    // The pool's EMA oracle is the recommended read.
    function emaPrice() external view returns (uint256) {
        // ok: HS-ORACLE-010
        return pool.price_oracle();
    }

    // A quote that sizes a swap the caller bounds.
    function swap(uint256 dx, uint256 minDy) external returns (uint256) {
        // ok: HS-ORACLE-010
        uint256 expected = pool.get_dy(0, 1, dx);
        require(expected >= minDy, "slippage");
        return pool.exchange(0, 1, dx, minDy);
    }
}
