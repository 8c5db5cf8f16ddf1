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

library FixedPointMathLib {
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return x * y / d;
    }
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return (x * y + d - 1) / d;
    }
}

abstract contract SimpleVault {
    using SafeERC20 for IERC20;
    using FixedPointMathLib for uint256;

    IERC20 public asset;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;

    function totalAssets() public view virtual returns (uint256);
    function _burn(address from, uint256 shares) internal virtual;
    function _mint(address to, uint256 shares) internal virtual;

    function convertToShares(uint256 assets) public view returns (uint256) {
        return totalSupply == 0 ? assets : assets.mulDivDown(totalSupply, totalAssets());
    }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        return totalSupply == 0 ? shares : shares.mulDivDown(totalAssets(), totalSupply);
    }

    function withdraw(uint256 assets, address receiver) external returns (uint256 shares) {
        // expect: HS-LOGIC-002
        shares = convertToShares(assets);
        _burn(msg.sender, shares);
        asset.safeTransfer(receiver, assets);
    }

    function withdrawInline(uint256 assets, address receiver) external returns (uint256) {
        // expect: HS-LOGIC-002
        uint256 shares = assets * totalSupply / totalAssets();
        _burn(msg.sender, shares);
        asset.safeTransfer(receiver, assets);
        return shares;
    }

    function mint(uint256 shares, address receiver) external returns (uint256 assets) {
        // expect: HS-LOGIC-002
        assets = shares.mulDivDown(totalAssets(), totalSupply);
        asset.safeTransferFrom(msg.sender, address(this), assets);
        _mint(receiver, shares);
    }

    function withdrawUp(uint256 assets, address receiver) external returns (uint256 shares) {
        // ok: HS-LOGIC-002
        shares = assets.mulDivUp(totalSupply, totalAssets());
        _burn(msg.sender, shares);
        asset.safeTransfer(receiver, assets);
    }

    function redeem(uint256 shares, address receiver) external returns (uint256 assets) {
        // ok: HS-LOGIC-002
        assets = convertToAssets(shares);
        _burn(msg.sender, shares);
        asset.safeTransfer(receiver, assets);
    }

    function deposit(uint256 assets, address receiver) external returns (uint256 shares) {
        // ok: HS-LOGIC-002
        shares = convertToShares(assets);
        asset.safeTransferFrom(msg.sender, address(this), assets);
        _mint(receiver, shares);
    }
}
