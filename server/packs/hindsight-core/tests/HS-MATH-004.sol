// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

library FixedPointMathLib {
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) { return x * y / d; }
}

interface IERC20 {
    function balanceOf(address) external view returns (uint256);
}

contract Pool {
    IERC20 public asset;
    uint256 public totalShares;
    mapping(address => uint256) public sharesOf;

    function deposit(uint256 amount) external {
        uint256 minted;
        if (totalShares == 0) {
            minted = amount;
        } else {
            // expect: HS-MATH-004
            minted = toShares(amount, asset.balanceOf(address(this)), totalShares);
        }
        sharesOf[msg.sender] += minted;
        totalShares += minted;
    }

    function withdrawable(address who) external view returns (uint256) {
        if (sharesOf[who] == 0) {
            return 0;
        } else {
            // ok: HS-MATH-004
            return asset.balanceOf(address(this)) * sharesOf[who];
        }
    }

    function toShares(uint256 amount, uint256 held, uint256 supply) internal pure returns (uint256) {
        return amount * supply / held;
    }
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

    function previewDeposit(uint256 assets) public view returns (uint256 shares) {
        if (totalSupply == 0) {
            shares = assets;
        } else {
            // expect: HS-MATH-004
            shares = assets * totalSupply / totalAssets();
        }
    }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        uint256 supply = totalSupply;
        // ok: HS-MATH-004
        return supply == 0 ? shares : shares.mulDivDown(totalAssets(), supply);
    }
}
