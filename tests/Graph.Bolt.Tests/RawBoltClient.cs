using System.Buffers.Binary;
using System.Net.Sockets;
using Graph.Bolt.PackStream;
using Graph.Bolt.Protocol;

namespace Graph.Bolt.Tests;

/// <summary>Bolt at the message level, for testing the server's answers byte by byte: no pooling, no retries, no help.</summary>
public sealed class RawBoltClient : IAsyncDisposable
{
    private readonly TcpClient? _tcp;
    private readonly Stream _stream;
    private readonly ChunkReader _in;
    private readonly ChunkWriter _out;
    private readonly PackStreamWriter _packer = new();
    private BoltVersion _version = BoltVersion.V5_8;

    private RawBoltClient(TcpClient? tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
        _in = new ChunkReader(_stream, 64 * 1024 * 1024);
        _out = new ChunkWriter(_stream);
    }

    /// <summary>Over a stream already open (a WebSocket).</summary>
    public static RawBoltClient Over(Stream stream) => new(null, stream);

    public static async Task<RawBoltClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        return new RawBoltClient(tcp, tcp.GetStream());
    }

    public static CancellationToken Soon => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Sends the magic and four proposals; returns the server's 4-byte answer (null if it closed).</summary>
    public async Task<byte[]?> ProposeAsync(params uint[] proposals)
    {
        var bytes = new byte[20];
        Handshake.Magic.CopyTo(bytes, 0);
        for (var i = 0; i < proposals.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + i * 4), proposals[i]);
        await SendRawAsync(bytes);
        return await _in.ReadExactlyAsync(4, Soon);
    }

    public async Task<byte[]?> ReadRawAsync(int count) => await _in.ReadExactlyAsync(count, Soon);

    public void UseVersion(BoltVersion version) => _version = version;

    /// <summary>Handshake at <paramref name="version"/>, HELLO (and LOGON from 5.1) with no credentials.</summary>
    public async Task OpenAsync(BoltVersion version, Dictionary<string, object?>? auth = null)
    {
        var reply = await ProposeAsync(version.Encoded);
        Assert.Equal(version.Encoded, BinaryPrimitives.ReadUInt32BigEndian(reply));
        _version = version;
        auth ??= new() { ["scheme"] = "none" };
        var hello = new Dictionary<string, object?> { ["user_agent"] = "raw-test/1.0" };
        if (!version.HasLogon) foreach (var (k, v) in auth) hello[k] = v;
        await SendAsync(BoltMessages.Hello, hello);
        AssertSuccess(await ReceiveAsync());
        if (version.HasLogon)
        {
            await SendAsync(BoltMessages.Logon, auth);
            AssertSuccess(await ReceiveAsync());
        }
    }

    public void Queue(byte signature, params object?[] fields)
    {
        _packer.Clear();
        _packer.WriteStructHeader(signature, fields.Length);
        var values = new BoltValueWriter(_packer, _version);
        foreach (var field in fields) values.Write(field);
        _out.Append(_packer.Written);
    }

    public async Task SendAsync(byte signature, params object?[] fields)
    {
        Queue(signature, fields);
        await _out.FlushAsync(Soon);
    }

    public async Task FlushAsync() => await _out.FlushAsync(Soon);

    /// <summary>The next message: signature and fields; null when the server closed the connection.</summary>
    public async Task<(byte Signature, IReadOnlyList<object?> Fields)?> ReceiveAsync()
    {
        ArraySegment<byte>? message;
        try
        {
            message = await _in.ReadMessageAsync(Soon);
        }
        catch (IOException)
        {
            return null;
        }
        if (message is not { } bytes) return null;
        var reader = new PackStreamReader(bytes.Array!, bytes.Offset, bytes.Count, BoltStructureReader.Instance);
        var (signature, count) = reader.ReadStructHeader();
        var fields = new object?[count];
        for (var i = 0; i < count; i++) fields[i] = reader.ReadValue();
        return (signature, fields);
    }

    public static IReadOnlyDictionary<string, object?> AssertSuccess((byte Signature, IReadOnlyList<object?> Fields)? message)
    {
        Assert.NotNull(message);
        Assert.True(message.Value.Signature == BoltMessages.Success,
            $"expected SUCCESS, got {BoltMessages.Name(message.Value.Signature)} {Graph.Client.ValueFormatter.ToCypherLiteral(message.Value.Fields)}");
        return message.Value.Fields.Count == 0 ? new Dictionary<string, object?>() : (IReadOnlyDictionary<string, object?>)message.Value.Fields[0]!;
    }

    public static IReadOnlyDictionary<string, object?> AssertFailure((byte Signature, IReadOnlyList<object?> Fields)? message)
    {
        Assert.NotNull(message);
        Assert.True(message.Value.Signature == BoltMessages.Failure, $"expected FAILURE, got {BoltMessages.Name(message.Value.Signature)}");
        return (IReadOnlyDictionary<string, object?>)message.Value.Fields[0]!;
    }

    public static void AssertIgnored((byte Signature, IReadOnlyList<object?> Fields)? message)
    {
        Assert.NotNull(message);
        Assert.Equal(BoltMessages.Ignored, message.Value.Signature);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp?.Dispose();
    }
}
