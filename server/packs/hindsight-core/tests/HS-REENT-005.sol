// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface ICurvePool {
    function get_virtual_price() external view returns (uint256);
    function withdraw_admin_fees() external;
}

contract CurveLpOracle {
    ICurvePool public pool;

    function lpPrice() external view returns (uint256) {
        // expect: HS-REENT-005
        return pool.get_virtual_price();
    }

    function value(uint256 lp) public view returns (uint256) {
        // expect: HS-REENT-005
        uint256 vp = pool.get_virtual_price();
        return lp * vp / 1e18;
    }

    // The safe variant: take Curve's lock first, from a state-changing function.
    function lpPriceChecked() external returns (uint256) {
        pool.withdraw_admin_fees();
        // ok: HS-REENT-005
        return pool.get_virtual_price();
    }

    function cached() external returns (uint256 vp) {
        pool.withdraw_admin_fees();
        // ok: HS-REENT-005
        vp = pool.get_virtual_price();
    }
}
