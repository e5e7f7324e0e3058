using System.Net.Security;
using System.Net.Sockets;
using Graph.Bolt.PackStream;
using Graph.Bolt.Protocol;
using Graph.Client;

namespace Graph.Bolt.Client;

/// <summary>
/// One client connection: TCP (and TLS), the handshake (manifest v1, else 5.8–5.0 and 4.4), HELLO and LOGON, then
/// requests and their responses. Not thread-safe: a session or transaction uses it alone, then gives it back to the pool.
/// </summary>
internal sealed class BoltClientConnection : IAsyncDisposable
{
    /// <summary>One response: SUCCESS/FAILURE metadata, a RECORD's values, or IGNORED.</summary>
    public readonly record struct Response(byte Signature, IReadOnlyDictionary<string, object?>? Metadata, object?[]? Values)
    {
        public bool IsSuccess => Signature == BoltMessages.Success;
        public bool IsRecord => Signature == BoltMessages.Record;
    }

    private readonly Stream _stream;
    private readonly TcpClient _tcp;
    private readonly ChunkReader _in;
    private readonly ChunkWriter _out;
    private readonly PackStreamWriter _packer = new(4096);
    private BoltValueWriter _values = null!;

    private BoltClientConnection(TcpClient tcp, Stream stream, BoltAddress address)
    {
        _tcp = tcp;
        _stream = stream;
        Address = address;
        _in = new ChunkReader(stream, int.MaxValue);
        _out = new ChunkWriter(stream);
    }

    public BoltAddress Address { get; }

    public BoltVersion Version { get; private set; }

    /// <summary>The server's agent string ("Neo4j/5.26.0").</summary>
    public string? ServerAgent { get; private set; }

    /// <summary>False once the connection broke or its state is unknown; it is then thrown away, not pooled.</summary>
    public bool IsUsable { get; private set; } = true;

    /// <summary>True after a FAILURE that was not yet cleared with RESET.</summary>
    public bool NeedsReset { get; set; }

    public DateTime LastUsed { get; set; } = DateTime.UtcNow;

    public static async Task<BoltClientConnection> OpenAsync(BoltAddress address, BoltDriverOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectionTimeout);
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(address.Host, address.Port, timeout.Token).ConfigureAwait(false);
            Stream stream = tcp.GetStream();
            if (address.Tls != BoltTls.None)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = address.Host,
                    RemoteCertificateValidationCallback = address.Tls == BoltTls.AnyCertificate ? (_, _, _, _) => true : null,
                }, timeout.Token).ConfigureAwait(false);
                stream = tls;
            }
            var connection = new BoltClientConnection(tcp, stream, address);
            await connection.HandshakeAsync(timeout.Token).ConfigureAwait(false);
            await connection.HelloAsync(options, timeout.Token).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (e is not GraphException)
        {
            tcp.Dispose();
            var reason = e is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? $"it did not answer within {options.ConnectionTimeout.TotalSeconds:0.#} s"
                : e.Message;
            throw new ServiceUnavailableException($"Cannot connect to the Bolt server at {address} ({reason}). Is it running (graph serve listens on 7687)?", e);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        _out.AppendRaw(Handshake.ClientProposals(manifest: true));
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
        var reply = await _in.ReadExactlyAsync(4, cancellationToken).ConfigureAwait(false)
                    ?? throw new BoltProtocolException("the server closed the connection during the handshake");
        if (reply is [0x48, 0x54, 0x54, 0x50]) // "HTTP"
            throw new BoltProtocolException("the server answered in HTTP: this is an HTTP port (7474?), Bolt is on 7687");
        if (reply is [0, 0, 1, 0xFF])
        {
            var count = await ReadVarIntAsync(cancellationToken).ConfigureAwait(false);
            if (count > 64) throw new BoltProtocolException($"the server's manifest lists {count} version ranges");
            var offered = new List<BoltVersion>();
            for (ulong i = 0; i < count; i++)
            {
                var range = await _in.ReadExactlyAsync(4, cancellationToken).ConfigureAwait(false)
                            ?? throw new BoltProtocolException("the server closed the connection during the handshake");
                offered.AddRange(Handshake.Expand(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(range)));
            }
            await ReadVarIntAsync(cancellationToken).ConfigureAwait(false); // capabilities: none used
            var chosen = BoltVersion.Supported.FirstOrDefault(offered.Contains);
            if (chosen == default)
                throw new BoltProtocolException($"the server speaks Bolt {string.Join(", ", offered)}, none of which this client speaks (4.4, 5.0-5.8)");
            _out.AppendRaw([0, 0, (byte)chosen.Minor, (byte)chosen.Major, 0]);
            Version = chosen;
        }
        else
        {
            if (reply is [0, 0, 0, 0]) throw new BoltProtocolException("the server speaks none of the Bolt versions this client offers (4.4, 5.0-5.8)");
            Version = new BoltVersion(reply[3], reply[2]);
            if (!BoltVersion.Supported.Contains(Version)) throw new BoltProtocolException($"the server chose Bolt {Version}, which was not offered");
        }
        _values = new BoltValueWriter(_packer, Version);
    }

    private async Task<ulong> ReadVarIntAsync(CancellationToken cancellationToken) =>
        await Handshake.ReadVarIntAsync(async () => (await _in.ReadExactlyAsync(1, cancellationToken).ConfigureAwait(false))?[0]).ConfigureAwait(false)
        ?? throw new BoltProtocolException("the server closed the connection during the handshake");

    private async Task HelloAsync(BoltDriverOptions options, CancellationToken cancellationToken)
    {
        var auth = new Dictionary<string, object?>();
        if (options.User is null) auth["scheme"] = "none";
        else
        {
            auth["scheme"] = "basic";
            auth["principal"] = options.User;
            auth["credentials"] = options.Password ?? "";
        }
        var hello = new Dictionary<string, object?> { ["user_agent"] = options.UserAgent };
        if (Address.Routing) hello["routing"] = new Dictionary<string, object?> { ["address"] = Address.HostPort };
        if (Version >= new BoltVersion(5, 3)) hello["bolt_agent"] = new Dictionary<string, object?> { ["product"] = options.UserAgent };
        if (Version == BoltVersion.V4_4) hello["patch_bolt"] = new List<object?> { "utc" };
        if (!Version.HasLogon) foreach (var (k, v) in auth) hello[k] = v;
        Send(BoltMessages.Hello, hello);
        if (Version.HasLogon) Send(BoltMessages.Logon, auth);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var helloReply = await ExpectSuccessAsync(cancellationToken).ConfigureAwait(false);
        ServerAgent = helloReply.GetValueOrDefault("server") as string;
        // 4.4: DateTime parameters go in the UTC form only when the server agreed to the patch.
        if (helloReply.GetValueOrDefault("patch_bolt") is IReadOnlyList<object?> patches && patches.Contains("utc")) _values.UtcDateTime = true;
        if (Version.HasLogon) await ExpectSuccessAsync(cancellationToken).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ messages

    /// <summary>Queues a request (written by the next <see cref="FlushAsync"/>).</summary>
    public void Send(byte signature, params object?[] fields)
    {
        _packer.Clear();
        _packer.WriteStructHeader(signature, fields.Length);
        foreach (var field in fields) _values.Write(field);
        _out.Append(_packer.Written);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            throw Broken(e);
        }
    }

    public async Task<Response> ReceiveAsync(CancellationToken cancellationToken)
    {
        ArraySegment<byte>? message;
        try
        {
            message = await _in.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or BoltProtocolException)
        {
            throw Broken(e);
        }
        catch (OperationCanceledException)
        {
            IsUsable = false; // a response is half read: the connection cannot be reused
            throw;
        }
        if (message is not { } bytes) throw Broken(new IOException("the server closed the connection"));
        try
        {
            var reader = new PackStreamReader(bytes.Array!, bytes.Offset, bytes.Count, BoltStructureReader.Instance);
            var (signature, fields) = reader.ReadStructHeader();
            switch (signature)
            {
                case BoltMessages.Record when fields == 1 && reader.ReadValue() is List<object?> values:
                    return new Response(signature, null, values.ToArray());
                case BoltMessages.Success or BoltMessages.Failure when fields == 1 && reader.ReadValue() is IReadOnlyDictionary<string, object?> metadata:
                    return new Response(signature, metadata, null);
                case BoltMessages.Success or BoltMessages.Ignored when fields == 0:
                    return new Response(signature, new Dictionary<string, object?>(), null);
                default:
                    throw new PackStreamException($"unexpected response {BoltMessages.Name(signature)} with {fields} fields");
            }
        }
        catch (PackStreamException e)
        {
            throw Broken(e);
        }
    }

    /// <summary>The next response, which must be SUCCESS: its metadata. A FAILURE is thrown as the contract's exception.</summary>
    public async Task<IReadOnlyDictionary<string, object?>> ExpectSuccessAsync(CancellationToken cancellationToken)
    {
        var response = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
        return response.Signature switch
        {
            BoltMessages.Success => response.Metadata!,
            BoltMessages.Failure => throw Failed(response.Metadata!),
            BoltMessages.Ignored => throw new ClientException(Neo4jStatus.InvalidRequest, "The server ignored the request (an earlier one in the same exchange failed)."),
            _ => throw Broken(new PackStreamException($"a {BoltMessages.Name(response.Signature)} where a summary was expected")),
        };
    }

    /// <summary>A FAILURE: the connection must be RESET before its next use.</summary>
    public GraphException Failed(IReadOnlyDictionary<string, object?> metadata)
    {
        NeedsReset = true;
        return FailureMetadata.ToException(metadata);
    }

    /// <summary>RESET: back to READY after a failure or an abandoned result. False if the connection is beyond repair.</summary>
    public async Task<bool> ResetAsync(CancellationToken cancellationToken)
    {
        if (!IsUsable) return false;
        try
        {
            Send(BoltMessages.Reset);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var response = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (response.Signature == BoltMessages.Success) break;
                if (response.Signature == BoltMessages.Failure) return IsUsable = false;
                // IGNORED and records of what was in flight before the RESET
            }
            NeedsReset = false;
            return true;
        }
        catch (Exception e) when (e is GraphException or OperationCanceledException)
        {
            return IsUsable = false;
        }
    }

    private ServiceUnavailableException Broken(Exception e)
    {
        IsUsable = false;
        return new ServiceUnavailableException($"The connection to the Bolt server at {Address} broke: {e.Message}", e);
    }

    public async ValueTask DisposeAsync()
    {
        if (IsUsable)
        {
            try
            {
                Send(BoltMessages.Goodbye);
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _out.FlushAsync(quick.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
            {
                // leaving anyway
            }
        }
        IsUsable = false;
        await _stream.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
    }
}
