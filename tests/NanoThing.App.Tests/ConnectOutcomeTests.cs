using System.Net.Sockets;
using NanoThing.Adapters;
using NanoThing.Core.Seams;

namespace NanoThing.App.Tests;

[TestClass]
public sealed class ConnectOutcomeTests
{
    [TestMethod]
    [DataRow(0, MqttConnectResult.Accepted)]
    [DataRow(1, MqttConnectResult.RefusedProtocolVersion)]
    [DataRow(2, MqttConnectResult.RefusedIdentifier)]
    [DataRow(3, MqttConnectResult.RefusedServerUnavailable)]
    [DataRow(4, MqttConnectResult.RefusedBadCredentials)]
    [DataRow(5, MqttConnectResult.RefusedNotAuthorized)]
    [DataRow(6, MqttConnectResult.OtherError)]
    [DataRow(0x80, MqttConnectResult.OtherError)]
    [DataRow(0x87, MqttConnectResult.OtherError)]
    [DataRow(-1, MqttConnectResult.OtherError)]
    public void ConnackCodes_MapToTheSeamsResults(int code, MqttConnectResult expected)
    {
        Assert.AreEqual(expected, ConnectOutcome.FromConnack(code));
    }

    [TestMethod]
    [DataRow(SocketError.ConnectionRefused)]
    [DataRow(SocketError.TimedOut)]
    [DataRow(SocketError.HostUnreachable)]
    [DataRow(SocketError.HostDown)]
    [DataRow(SocketError.HostNotFound)]
    [DataRow(SocketError.NetworkUnreachable)]
    [DataRow(SocketError.NetworkDown)]
    [DataRow(SocketError.TryAgain)]
    [DataRow(SocketError.NoData)]
    public void SocketFailuresBeforeTls_AreNetworkErrors(SocketError error)
    {
        Assert.AreEqual(MqttConnectResult.NetworkError, ConnectOutcome.FromConnectionFailure(new CodedSocketException((int)error)));
    }

    [TestMethod]
    [DataRow((int)SocketError.SocketError)]
    [DataRow((int)SocketError.ConnectionReset)]
    [DataRow((int)SocketError.ConnectionAborted)]
    [DataRow(-0x2700)]
    [DataRow(1)]
    public void OtherSocketFailures_AreTlsErrors(int code)
    {
        Assert.AreEqual(MqttConnectResult.TlsError, ConnectOutcome.FromConnectionFailure(new CodedSocketException(code)));
    }

    [TestMethod]
    public void NonSocketFailures_AreTlsErrors()
    {
        Assert.AreEqual(MqttConnectResult.TlsError, ConnectOutcome.FromConnectionFailure(new InvalidOperationException("handshake")));
        Assert.AreEqual(MqttConnectResult.TlsError, ConnectOutcome.FromConnectionFailure(null));
    }

    [TestMethod]
    public void MissingConnack_IsATimeoutOnlyWhenM2MqttsWaitRanOut()
    {
        Assert.AreEqual(MqttConnectResult.TlsError, ConnectOutcome.FromMissingConnack(0));
        Assert.AreEqual(MqttConnectResult.TlsError, ConnectOutcome.FromMissingConnack(1500));
        Assert.AreEqual(MqttConnectResult.TlsError, ConnectOutcome.FromMissingConnack(27999));
        Assert.AreEqual(MqttConnectResult.Timeout, ConnectOutcome.FromMissingConnack(28000));
        Assert.AreEqual(MqttConnectResult.Timeout, ConnectOutcome.FromMissingConnack(ConnectOutcome.ConnackTimeoutMilliseconds));
        Assert.AreEqual(MqttConnectResult.Timeout, ConnectOutcome.FromMissingConnack(45000));
    }

    /// <summary>
    /// A SocketException whose ErrorCode is the given number, as on nanoFramework (which reports the WinSock-style
    /// SocketError value). .NET on Linux would report the errno instead.
    /// </summary>
    private sealed class CodedSocketException : SocketException
    {
        private readonly int _code;

        public CodedSocketException(int code) : base(code) => _code = code;

        public override int ErrorCode => _code;
    }
}
