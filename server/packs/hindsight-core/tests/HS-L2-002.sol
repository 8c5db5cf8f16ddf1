pragma solidity ^0.8.20;

contract Tipper {
    mapping(address => uint256) public producerRewards;
    address public treasury;

    function tipProducer() external payable {
        // expect: HS-L2-002
        block.coinbase.transfer(msg.value);
    }

    function tipProducerCall() external payable {
        // expect: HS-L2-002
        (bool ok, ) = payable(block.coinbase).call{value: msg.value}("");
        require(ok);
    }

    function creditProducer() external payable {
        // expect: HS-L2-002
        producerRewards[block.coinbase] += msg.value;
    }

    function payTreasury() external payable {
        // ok: HS-L2-002
        payable(treasury).transfer(msg.value);
    }

    function producer() external view returns (address) {
        // ok: HS-L2-002
        return block.coinbase;
    }
}
