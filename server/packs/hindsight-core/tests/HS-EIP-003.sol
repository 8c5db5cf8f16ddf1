pragma solidity ^0.8.20;

interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

contract Relayed {
    IERC20 public token;
    mapping(address => uint256) public credit;
    mapping(address => uint256) public rewards;

    function refundGas(uint256 startGas) internal {
        uint256 refund = (startGas - gasleft()) * tx.gasprice;
        // expect: HS-EIP-003
        payable(tx.origin).transfer(refund);
    }

    function keeperReward(uint256 amount) external {
        // expect: HS-EIP-003
        (bool ok, ) = payable(tx.origin).call{value: amount}("");
        require(ok);
    }

    function payBounty(uint256 amount) external {
        // expect: HS-EIP-003
        token.transfer(tx.origin, amount);
    }

    function creditCaller(uint256 amount) external {
        // expect: HS-EIP-003
        credit[tx.origin] += amount;
    }

    function payCaller(uint256 amount) external {
        // ok: HS-EIP-003
        payable(msg.sender).transfer(amount);
    }

    function payTo(address to, uint256 amount) external {
        // ok: HS-EIP-003
        token.transfer(to, amount);
    }

    function rewardCaller(uint256 amount) external {
        // ok: HS-EIP-003
        rewards[msg.sender] += amount;
    }

    function originOf() external view returns (address) {
        // ok: HS-EIP-003
        return tx.origin;
    }
}
