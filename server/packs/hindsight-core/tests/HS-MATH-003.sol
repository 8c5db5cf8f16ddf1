// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

library FixedPointMathLib {
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) { return x * y / d; }
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) { return (x * y + d - 1) / d; }
}

contract Vault {
    using FixedPointMathLib for uint256;

    uint256 public totalSupply;
    uint256 public totalAssets;

    function previewMint(uint256 shares) public view returns (uint256) {
        // expect: HS-MATH-003
        return shares.mulDivDown(totalAssets, totalSupply);
    }

    function previewWithdraw(uint256 assets) public view returns (uint256) {
        // expect: HS-MATH-003
        return assets * totalSupply / totalAssets;
    }

    function previewDeposit(uint256 assets) public view returns (uint256) {
        // ok: HS-MATH-003
        return assets.mulDivDown(totalSupply, totalAssets);
    }

    function previewRedeem(uint256 shares) public view returns (uint256) {
        // ok: HS-MATH-003
        return shares * totalAssets / totalSupply;
    }
}

contract VaultRoundsUp {
    using FixedPointMathLib for uint256;

    uint256 public totalSupply;
    uint256 public totalAssets;

    function previewMint(uint256 shares) public view returns (uint256) {
        // ok: HS-MATH-003
        return shares.mulDivUp(totalAssets, totalSupply);
    }
}
