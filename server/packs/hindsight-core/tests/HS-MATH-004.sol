// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

library FixedPointMathLib {
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) { return x * y / d; }
}

contract Vault {
    using FixedPointMathLib for uint256;

    uint256 public totalSupply;

    function totalAssets() public view returns (uint256) {
        return address(this).balance;
    }

    function convertToShares(uint256 assets) public view returns (uint256) {
        uint256 supply = totalSupply;
        // expect: HS-MATH-004
        return supply == 0 ? assets : assets.mulDivDown(supply, totalAssets());
    }

    function sharesFor(uint256 amount) public view returns (uint256) {
        // expect: HS-MATH-004
        return totalSupply == 0 ? amount : amount * totalSupply / totalAssets();
    }

    // Virtual shares and assets (OpenZeppelin ERC4626 style).
    function convertToSharesVirtual(uint256 assets) public view returns (uint256) {
        // ok: HS-MATH-004
        return assets * (totalSupply + 1e3) / (totalAssets() + 1);
    }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        uint256 supply = totalSupply;
        // ok: HS-MATH-004
        return supply == 0 ? shares : shares.mulDivDown(totalAssets(), supply);
    }
}
