// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
}

library SafeERC20 {
    function safeTransfer(IERC20 token, address to, uint256 amount) internal {
        require(token.transfer(to, amount), "transfer");
    }
    function safeTransferFrom(IERC20, address, address, uint256) internal {}
}

library Math {
    enum Rounding { Floor, Ceil, Trunc, Expand }
    function mulDiv(uint256 x, uint256 y, uint256 d, Rounding r) internal pure returns (uint256) {
        uint256 q = x * y / d;
        return r == Rounding.Ceil && q * d < x * y ? q + 1 : q;
    }
}

library FixedPointMathLib {
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return x * y / d;
    }
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return (x * y + d - 1) / d;
    }
}

abstract contract QueueVault {
    using SafeERC20 for IERC20;
    using FixedPointMathLib for uint256;

    IERC20 public asset;
    uint256 public totalSupply;

    function totalAssets() public view virtual returns (uint256);
    function _burn(address from, uint256 shares) internal virtual;
    function _mint(address to, uint256 shares) internal virtual;

    function _convertToShares(uint256 assets, Math.Rounding rounding) internal view returns (uint256) {
        return Math.mulDiv(assets, totalSupply + 1, totalAssets() + 1, rounding);
    }

    function _convertToAssets(uint256 shares, Math.Rounding rounding) internal view returns (uint256) {
        return Math.mulDiv(shares, totalAssets() + 1, totalSupply + 1, rounding);
    }

    function deposit(uint256 assets, address receiver) external returns (uint256 shares) {
        asset.safeTransferFrom(msg.sender, address(this), assets);
        // expect: HS-LOGIC-003
        shares = assets.mulDivUp(totalSupply, totalAssets());
        _mint(receiver, shares);
    }

    function processQueued(uint256 assets, address receiver) external {
        // expect: HS-LOGIC-003
        uint256 shares = _convertToShares(assets, Math.Rounding.Ceil);
        _mint(receiver, shares);
    }

    function redeem(uint256 shares, address receiver) external returns (uint256 assets) {
        _burn(msg.sender, shares);
        // expect: HS-LOGIC-003
        assets = _convertToAssets(shares, Math.Rounding.Ceil);
        asset.safeTransfer(receiver, assets);
    }

    function depositDown(uint256 assets, address receiver) external returns (uint256 shares) {
        asset.safeTransferFrom(msg.sender, address(this), assets);
        // ok: HS-LOGIC-003
        shares = _convertToShares(assets, Math.Rounding.Floor);
        _mint(receiver, shares);
    }

    function withdraw(uint256 assets, address receiver) external returns (uint256 shares) {
        // ok: HS-LOGIC-003
        shares = _convertToShares(assets, Math.Rounding.Ceil);
        _burn(msg.sender, shares);
        asset.safeTransfer(receiver, assets);
    }

    function mint(uint256 shares, address receiver) external returns (uint256 assets) {
        // ok: HS-LOGIC-003
        assets = shares.mulDivUp(totalAssets(), totalSupply);
        asset.safeTransferFrom(msg.sender, address(this), assets);
        _mint(receiver, shares);
    }
}
