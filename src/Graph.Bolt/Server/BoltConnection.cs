using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.WebSockets;
using System.Threading.Channels;
using Graph.Bolt.PackStream;
using Graph.Bolt.Protocol;
using Graph.Client;
using Microsoft.Extensions.Logging;

namespace Graph.Bolt.Server;

/// <summary>
/// One Bolt connection on the server: the handshake, then Bolt's state machine (NEGOTIATION, AUTHENTICATION,
/// READY, STREAMING, TX_READY, TX_STREAMING, FAILED, INTERRUPTED). A reader task takes messages off the socket
/// while the current one runs, so that a RESET jumps ahead: it interrupts the running work, and everything queued
/// before it is IGNORED. Results are pulled from the store's cursor batch by batch (PULL n), so a large result
/// is never held whole.
/// </summary>
internal sealed class BoltConnection
{
    private enum State { Negotiation, Authentication, Ready, Streaming, TxReady, TxStreaming, Failed }

    private sealed record Incoming(byte Signature, object?[] Fields, string? Malformed = null, bool Closed = false);

    /// <summary>A result the client may still PULL or DISCARD.</summary>
    private sealed class OpenResult(IResultCursor cursor, long started, CancellationTokenSource? timeout, TimeSpan? limit)
    {
        public IResultCursor Cursor { get; } = cursor;
        public long Started { get; } = started;
        public CancellationTokenSource? Timeout { get; } = timeout;
        public TimeSpan? Limit { get; } = limit;
        public bool SentRecords { get; set; }
    }

    private static long _connections;

    private readonly Stream _stream;
    private readonly BoltBackend _backend;
    private readonly BoltServerOptions _options;
    private readonly EndPoint? _local;
    private readonly IPAddress? _remote;
    private readonly ConnectionCounts _perUser;
    private string? _countedUser;
    private IDisposable? _transactionLease;
    private bool _transactionWrote;
    private readonly string _id = "bolt-" + Interlocked.Increment(ref _connections);
    private ChunkReader _in;
    private ChunkWriter _out;
    private WebSocketStream? _webSocket;
    private readonly PackStreamWriter _packer = new(4096);
    private readonly Lock _interruptLock = new();
    private readonly Dictionary<long, OpenResult> _results = [];

    private BoltVersion _version;
    private BoltValueWriter _values = null!;
    private bool _manifest;
    private State _state = State.Negotiation;
    private BoltUser? _user;
    private string? _routingAddress;
    private CancellationTokenSource _interrupt = new();
    private int _pendingResets;

    private IAsyncSession? _session;
    private IAsyncTransaction? _transaction;
    private AccessMode _transactionMode;
    private TransactionConfig? _pendingBegin;
    private string _database = "";
    private long _nextQid;
    private long _lastQid = -1;
    private GraphException? _expired;
    private CancellationToken _stopping;

    public BoltConnection(Stream stream, BoltBackend backend, BoltServerOptions options, EndPoint? local, IPAddress? remote, ConnectionCounts perUser)
    {
        _stream = stream;
        _backend = backend;
        _options = options;
        _local = local;
        _remote = remote;
        _perUser = perUser;
        _in = new ChunkReader(stream, options.MaxMessageBytes);
        _out = new ChunkWriter(stream);
    }

    public string Id => _id;

    /// <summary>Serves the connection until the client leaves, breaks the protocol, idles out, or the server stops.</summary>
    /// <param name="refusal">Why the server cannot serve this connection (a connection limit); null to serve it.</param>
    public async Task RunAsync(string? refusal, CancellationToken stopping)
    {
        _stopping = stopping;
        try
        {
            using (var deadline = new CancellationTokenSource(_options.HandshakeTimeout, _backend.Time))
            using (var opening = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token))
            {
                if (_stream is SslStream tls)
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _options.Certificate }, opening.Token);
                if (!await HandshakeAsync(opening.Token)) return;
                if (refusal is not null)
                {
                    await _in.ReadMessageAsync(opening.Token);
                    await SendFailureAsync(new TransientException(NoThreadsAvailable, refusal));
                    await _out.FlushAsync(opening.Token);
                    return;
                }
            }
            var inbox = Channel.CreateBounded<Incoming>(new BoundedChannelOptions(32) { SingleReader = true, SingleWriter = true });
            using var readerStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var reading = ReadLoopAsync(inbox.Writer, readerStop.Token);
            try
            {
                await ProcessLoopAsync(inbox.Reader, stopping);
            }
            finally
            {
                await readerStop.CancelAsync();
                try { await reading; } catch (Exception) { /* the reader ends with the connection */ }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException
                                  or System.Net.Sockets.SocketException or BoltProtocolException)
        {
            // The client went away, idled out, broke the framing, or the server is stopping.
        }
        finally
        {
            await AbortWorkAsync();
            ForgetUser();
            _interrupt.Dispose();
            if (_webSocket is not null) await _webSocket.DisposeAsync();
        }
    }

    // ------------------------------------------------------------------ handshake

    private async Task<bool> HandshakeAsync(CancellationToken cancellationToken)
    {
        // Bolt over WebSocket (Neo4j Browser, drivers in a browser): an HTTP upgrade first, then the same bytes in binary frames.
        if (await _in.PeekAsync(4, cancellationToken) is [(byte)'G', (byte)'E', (byte)'T', (byte)' '] && !await UpgradeToWebSocketAsync(cancellationToken))
            return false;
        var opening = await _in.ReadExactlyAsync(20, cancellationToken);
        if (opening is null || !opening.AsSpan(0, 4).SequenceEqual(Handshake.Magic)) return false; // not Bolt (an HTTP client on the wrong port, a scanner)
        var (version, manifest) = Handshake.Choose(opening.AsSpan(4), BoltVersion.Supported);
        if (manifest)
        {
            _out.AppendRaw(Handshake.ManifestReply());
            await _out.FlushAsync(cancellationToken);
            var choice = await _in.ReadExactlyAsync(4, cancellationToken);
            if (choice is null) return false;
            var chosen = new BoltVersion(choice[3], choice[2]);
            if (choice[0] != 0 || choice[1] != 0 || !BoltVersion.Supported.Contains(chosen)) return false;
            if (await Handshake.ReadVarIntAsync(async () => (await _in.ReadExactlyAsync(1, cancellationToken))?[0]) is null) return false;
            version = chosen;
            _manifest = true;
        }
        else
        {
            _out.AppendRaw(version is { } v ? [0, 0, (byte)v.Minor, (byte)v.Major] : [0, 0, 0, 0]);
            await _out.FlushAsync(cancellationToken);
            if (version is null) return false;
        }
        _version = version!.Value;
        _values = new BoltValueWriter(_packer, _version);
        return true;
    }

    /// <summary>Answers a WebSocket upgrade (RFC 6455) and carries on with Bolt inside binary frames; anything else HTTP is refused.</summary>
    private async Task<bool> UpgradeToWebSocketAsync(CancellationToken cancellationToken)
    {
        var head = await _in.ReadUntilAsync("\r\n\r\n"u8.ToArray(), 16 * 1024 - 1, cancellationToken);
        if (head is null) return false;
        var lines = System.Text.Encoding.ASCII.GetString(head).Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (!headers.TryGetValue("Upgrade", out var upgrade) || !upgrade.Equals("websocket", StringComparison.OrdinalIgnoreCase) ||
            !headers.TryGetValue("Sec-WebSocket-Key", out var key))
        {
            // An HTTP client on the Bolt port (a browser opening http://host:7687): say where the HTTP side is.
            _out.AppendRaw(System.Text.Encoding.ASCII.GetBytes(
                "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n" +
                "This port speaks Bolt (bolt:// and neo4j:// URIs, or WebSocket); the HTTP Query API and the web view are on graph serve's HTTP port (7474 by default).\n"));
            await _out.FlushAsync(cancellationToken);
            return false;
        }
        var accept = Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        _out.AppendRaw(System.Text.Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));
        await _out.FlushAsync(cancellationToken);
        var socket = WebSocket.CreateFromStream(_stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.FromSeconds(30) });
        _webSocket = WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: true);
        _in = new ChunkReader(_webSocket, _options.MaxMessageBytes);
        _out = new ChunkWriter(_webSocket);
        return true;
    }

    // ------------------------------------------------------------------ reading

    private async Task ReadLoopAsync(ChannelWriter<Incoming> inbox, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var message = await _in.ReadMessageAsync(cancellationToken);
                if (message is not { } bytes)
                {
                    await inbox.WriteAsync(new Incoming(0, [], Closed: true), cancellationToken);
                    return;
                }
                var incoming = Decode(bytes);
                if (incoming.Signature is BoltMessages.Reset or BoltMessages.Goodbye)
                {
                    lock (_interruptLock)
                    {
                        if (incoming.Signature == BoltMessages.Reset) _pendingResets++;
                        _interrupt.Cancel(); // stops the work in progress; what is queued before the RESET is IGNORED
                    }
                }
                await inbox.WriteAsync(incoming, cancellationToken);
                if (incoming.Malformed is not null || incoming.Signature == BoltMessages.Goodbye) return;
            }
        }
        catch (BoltProtocolException e)
        {
            inbox.TryWrite(new Incoming(0, [], Malformed: e.Message));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            inbox.TryWrite(new Incoming(0, [], Closed: true));
        }
        finally
        {
            inbox.TryComplete();
        }
    }

    private static Incoming Decode(ArraySegment<byte> bytes)
    {
        try
        {
            var reader = new PackStreamReader(bytes.Array!, bytes.Offset, bytes.Count, BoltStructureReader.Instance);
            var (signature, count) = reader.ReadStructHeader();
            var fields = new object?[count];
            for (var i = 0; i < count; i++) fields[i] = reader.ReadValue();
            if (!reader.AtEnd) return new Incoming(signature, fields, Malformed: $"{reader.Remaining} bytes follow the message's fields");
            return new Incoming(signature, fields);
        }
        catch (PackStreamException e)
        {
            return new Incoming(0, [], Malformed: e.Message);
        }
    }

    // ------------------------------------------------------------------ processing

    private bool HoldsWork => _state is State.Streaming or State.TxReady or State.TxStreaming;

    private async Task ProcessLoopAsync(ChannelReader<Incoming> inbox, CancellationToken stopping)
    {
        while (true)
        {
            Incoming? message;
            var idleTimeout = IdleTimeout;
            var waited = _state is State.Negotiation or State.Authentication ? _options.HandshakeTimeout
                : HoldsWork && _expired is null ? idleTimeout
                : _options.IdleTimeout;
            using (var timer = new CancellationTokenSource(waited, _backend.Time))
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping, timer.Token))
            {
                try
                {
                    message = await inbox.ReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested && HoldsWork && _expired is null)
                {
                    // An open transaction holds the store (a writer holds the write lock): roll it back, and say why at the next message.
                    var wrote = idleTimeout < _backend.TransactionIdleTimeout; // the short timeout of a transaction that wrote applied
                    await AbortWorkAsync();
                    _expired = new ClientException(Neo4jStatus.TransactionTimedOut,
                        $"The transaction was idle for more than {idleTimeout.TotalSeconds:0.###} s " +
                        (wrote ? "after it wrote (Server:WriteTransactionIdleTimeout: it held the write lock every other writer waits for)" : "(Server:TransactionIdleTimeout)") +
                        " and was rolled back.");
                    continue;
                }
                catch (ChannelClosedException)
                {
                    return;
                }
            }
            if (message.Closed) return;
            if (message.Malformed is not null)
            {
                await SendFailureAsync(new ClientException(Neo4jStatus.InvalidFormat, $"The message could not be read: {message.Malformed}."));
                await _out.FlushAsync(stopping);
                return;
            }
            if (!await HandleAsync(message))
            {
                await _out.FlushAsync(stopping);
                return;
            }
            // Pipelined requests are answered together: write out when nothing more is waiting.
            if (_out.Pending > 0 && !inbox.TryPeek(out _)) await _out.FlushAsync(stopping);
        }
    }

    /// <summary>Handles one message; false closes the connection.</summary>
    private async Task<bool> HandleAsync(Incoming message)
    {
        switch (message.Signature)
        {
            case BoltMessages.Goodbye:
                return false;
            case BoltMessages.Reset:
                return await ResetAsync();
        }
        if (Volatile.Read(ref _pendingResets) > 0)
        {
            await SendAsync(BoltMessages.Ignored, null);
            return true;
        }
        try
        {
            switch (_state, message.Signature)
            {
                case (State.Negotiation, BoltMessages.Hello):
                    return await HelloAsync(message.Fields);
                case (State.Authentication, BoltMessages.Logon):
                    return await LogonAsync(message.Fields);
                case (State.Failed, BoltMessages.Logoff):
                    break; // a protocol violation, below
                case (State.Failed, _):
                    await SendAsync(BoltMessages.Ignored, null);
                    return true;
            }
            // What is answered so far goes out before work that may take long (a PULL of a slow query), so a
            // pipelining client is not left waiting for answers it could use, nor unable to decide to RESET.
            if (_out.Pending > 0) await _out.FlushAsync(_stopping);
            if (_expired is { } expired && HoldsWork)
            {
                _expired = null;
                await FailAsync(expired);
                return true;
            }
            switch (_state, message.Signature)
            {
                case (State.Ready, BoltMessages.Run): await RunAutoCommitAsync(message.Fields); return true;
                case (State.Ready, BoltMessages.Begin): await BeginAsync(message.Fields); return true;
                case (State.Ready, BoltMessages.Route): await RouteAsync(message.Fields); return true;
                case (State.Ready, BoltMessages.Telemetry) when _version >= BoltVersion.V5_4: await TelemetryAsync(message.Fields); return true;
                case (State.Ready, BoltMessages.Logoff) when _version.HasLogon:
                    _user = null;
                    ForgetUser();
                    _state = State.Authentication;
                    await SuccessAsync([]);
                    return true;
                case (State.Streaming or State.TxStreaming, BoltMessages.Pull): await PullAsync(message.Fields, discard: false); return true;
                case (State.Streaming or State.TxStreaming, BoltMessages.Discard): await PullAsync(message.Fields, discard: true); return true;
                case (State.TxReady or State.TxStreaming, BoltMessages.Run): await RunInTransactionAsync(message.Fields); return true;
                case (State.TxReady or State.TxStreaming, BoltMessages.Commit): await CommitAsync(); return true;
                case (State.TxReady or State.TxStreaming, BoltMessages.Rollback): await RollbackAsync(); return true;
            }
            // A message the state does not allow: Neo4j answers with a failure and closes the connection.
            await SendFailureAsync(new ClientException(Neo4jStatus.InvalidRequest,
                $"Message '{BoltMessages.Name(message.Signature)}' cannot be handled by a session in the {StateName} state."));
            return false;
        }
        catch (GraphException e)
        {
            await FailAsync(e);
            return _state is not (State.Negotiation or State.Authentication);
        }
        catch (RequestException e)
        {
            await FailAsync(new ClientException(Neo4jStatus.InvalidRequest, e.Message));
            return _state is not (State.Negotiation or State.Authentication);
        }
        catch (OperationCanceledException) when (Volatile.Read(ref _pendingResets) > 0)
        {
            await AbortWorkAsync();
            await SendAsync(BoltMessages.Ignored, null);
            return true;
        }
        catch (Exception e) when (e is not (IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException))
        {
            _backend.Logger.LogError(e, "Bolt connection {Connection}: {Message} failed", _id, BoltMessages.Name(message.Signature));
            await FailAsync(new DatabaseException(Neo4jStatus.UnknownError, $"The server failed: {e.Message}"));
            return _state is not (State.Negotiation or State.Authentication);
        }
    }

    /// <summary>
    /// How long the open transaction or result may wait for the next message: the short write idle timeout once a
    /// statement of the transaction wrote, as over the Query API.
    /// </summary>
    private TimeSpan IdleTimeout =>
        _transactionWrote && _backend.WriteTransactionIdleTimeout is { } write && write < _backend.TransactionIdleTimeout
            ? write
            : _backend.TransactionIdleTimeout;

    private const string NoThreadsAvailable = "Neo.TransientError.Request.NoThreadsAvailable";

    private string StateName => _state switch
    {
        State.Negotiation => "NEGOTIATION",
        State.Authentication => "AUTHENTICATION",
        State.Ready => "READY",
        State.Streaming => "STREAMING",
        State.TxReady => "TX_READY",
        State.TxStreaming => "TX_STREAMING",
        _ => "FAILED",
    };

    private async Task<bool> ResetAsync()
    {
        lock (_interruptLock)
        {
            _pendingResets = Math.Max(0, _pendingResets - 1);
            if (_pendingResets == 0 && _interrupt.IsCancellationRequested)
            {
                _interrupt.Dispose();
                _interrupt = new CancellationTokenSource();
            }
        }
        if (_state == State.Negotiation)
        {
            await SendFailureAsync(new ClientException(Neo4jStatus.InvalidRequest, "Message 'RESET' cannot be handled by a session in the NEGOTIATION state."));
            return false;
        }
        await AbortWorkAsync();
        _expired = null;
        if (_state != State.Authentication) _state = State.Ready;
        await SuccessAsync([]);
        return true;
    }

    // ------------------------------------------------------------------ connection setup

    private async Task<bool> HelloAsync(object?[] fields)
    {
        var extra = Map(fields, 0, "HELLO extra");
        if (extra.GetValueOrDefault("routing") is IReadOnlyDictionary<string, object?> routing)
            _routingAddress = routing.GetValueOrDefault("address") as string;
        var metadata = new Dictionary<string, object?>
        {
            ["server"] = BoltBackend.ServerAgent,
            ["connection_id"] = _id,
            ["hints"] = new Dictionary<string, object?> { ["telemetry.enabled"] = true },
        };
        if (_manifest) metadata["protocol_version"] = _version.ToString();
        // 4.4's "utc" patch: the 5.0 DateTime structures. We read both forms; agreeing keeps the client on the fixed one.
        if (_version == BoltVersion.V4_4 && extra.GetValueOrDefault("patch_bolt") is IReadOnlyList<object?> patches && patches.Contains("utc"))
        {
            metadata["patch_bolt"] = new List<object?> { "utc" };
            _values.UtcDateTime = true;
        }
        if (_version.HasLogon)
        {
            _state = State.Authentication;
        }
        else
        {
            _user = await AuthenticateAsync(extra);
            _state = State.Ready;
        }
        await SuccessAsync(metadata);
        return true;
    }

    private async Task<bool> LogonAsync(object?[] fields)
    {
        _user = await AuthenticateAsync(Map(fields, 0, "LOGON auth"));
        _state = State.Ready;
        await SuccessAsync([]);
        return true;
    }

    private async Task<BoltUser> AuthenticateAsync(IReadOnlyDictionary<string, object?> auth)
    {
        var scheme = auth.GetValueOrDefault("scheme") as string ?? "none";
        var token = new BoltAuthToken(scheme, auth.GetValueOrDefault("principal") as string, auth.GetValueOrDefault("credentials") as string, _remote);
        using var timeout = new CancellationTokenSource(_options.HandshakeTimeout, _backend.Time);
        var user = await _backend.Authenticator.AuthenticateAsync(token, timeout.Token);
        if (user.User?.Name is { } name)
        {
            if (!_perUser.TryEnter(name))
                throw new TransientException(NoThreadsAvailable,
                    $"User '{name}' already has {_perUser.Max} Bolt connections open (Server:Bolt:MaxConnectionsPerUser); close some or try again later.");
            _countedUser = name;
        }
        return user;
    }

    /// <summary>The connection no longer counts for the user it logged in as (LOGOFF, or the end of the connection).</summary>
    private void ForgetUser()
    {
        if (_countedUser is { } name) _perUser.Leave(name);
        _countedUser = null;
    }

    // ------------------------------------------------------------------ queries

    /// <summary>The database a message names: the default when it names none; DatabaseNotFound for others.</summary>
    private (string Name, bool Explicit) Database(IReadOnlyDictionary<string, object?> extra)
    {
        var requested = extra.GetValueOrDefault("db") as string;
        if (string.IsNullOrEmpty(requested)) return (_backend.DatabaseNames[0], false);
        var known = _backend.DatabaseNames.FirstOrDefault(n => string.Equals(n, requested, StringComparison.OrdinalIgnoreCase));
        return known is not null
            ? (known, true)
            : throw new ClientException(Neo4jStatus.DatabaseNotFound,
                $"Database does not exist. Database name: '{requested}'. This server serves: {string.Join(", ", _backend.DatabaseNames)}.");
    }

    private SessionConfig SessionFor(IReadOnlyDictionary<string, object?> extra)
    {
        if (extra.GetValueOrDefault("imp_user") is string { Length: > 0 } impersonated)
            throw new ClientException(Neo4jStatus.Forbidden, $"Impersonation ('{impersonated}') is not supported by this server.");
        var mode = extra.GetValueOrDefault("mode") as string == "r" ? AccessMode.Read : AccessMode.Write;
        return new SessionConfig
        {
            // A reader's transactions always run in read mode, whatever the client asks.
            AccessMode = _user?.MayWrite == false ? AccessMode.Read : mode,
            Bookmarks = (extra.GetValueOrDefault("bookmarks") as IReadOnlyList<object?> ?? []).OfType<string>().ToList(),
            User = _user?.User,
        };
    }

    /// <summary>tx_timeout (ms) lowered to Server:QueryTimeout.</summary>
    private TimeSpan? Timeout(IReadOnlyDictionary<string, object?> extra)
    {
        TimeSpan? requested = extra.GetValueOrDefault("tx_timeout") is long ms and > 0 ? TimeSpan.FromMilliseconds(ms) : null;
        return _backend.QueryTimeout is { } limit && (requested is null || requested > limit) ? limit : requested;
    }

    private async Task RunAutoCommitAsync(object?[] fields)
    {
        var (query, parameters) = Statement(fields);
        var extra = fields.Length > 2 ? Map(fields, 2, "RUN extra") : new Dictionary<string, object?>();
        var (database, explicitDb) = Database(extra);
        var config = SessionFor(extra);
        var limit = Timeout(extra);
        var started = Stopwatch.GetTimestamp();
        _database = database;
        _session = _backend.Driver.AsyncSession(config);
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(_interrupt.Token);
        if (limit is { } l) timeout.CancelAfter(l);
        IResultCursor cursor;
        try
        {
            var session = _session;
            cursor = await MayWaitForWriteLock(config.AccessMode, () => session.StreamAsync(query, parameters, timeout.Token));
        }
        catch (Exception e)
        {
            throw Translate(e, timeout, limit);
        }
        _results[-1] = new OpenResult(cursor, started, timeout, limit);
        _state = State.Streaming;
        var metadata = new Dictionary<string, object?>
        {
            ["fields"] = cursor.Keys.ToList<object?>(),
            ["t_first"] = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
        if (!explicitDb && _version.ReportsResolvedDatabase) metadata["db"] = database;
        await SuccessAsync(metadata);
    }

    private async Task BeginAsync(object?[] fields)
    {
        var extra = Map(fields, 0, "BEGIN extra");
        var (database, explicitDb) = Database(extra);
        var config = SessionFor(extra);
        var transactionConfig = new TransactionConfig
        {
            Timeout = Timeout(extra),
            Metadata = extra.GetValueOrDefault("tx_metadata") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>(),
        };
        // Counted against the user's cap (shared with the Query API) until COMMIT, ROLLBACK, expiry or the end of the connection.
        _transactionLease = _backend.Transactions?.Admit(_user?.User);
        _database = database;
        _session = _backend.Driver.AsyncSession(config);
        // The store's transaction starts at the first statement, as Neo4j takes its locks when a statement needs
        // them: a BEGIN never waits for the write lock, and a wait that times out fails a statement, which a
        // driver's managed transaction retries like any other transient failure.
        _pendingBegin = transactionConfig;
        _transactionMode = config.AccessMode;
        _nextQid = 0;
        _lastQid = -1;
        _state = State.TxReady;
        var metadata = new Dictionary<string, object?>();
        if (!explicitDb && _version.ReportsResolvedDatabase) metadata["db"] = database;
        await SuccessAsync(metadata);
    }

    private async Task RunInTransactionAsync(object?[] fields)
    {
        var (query, parameters) = Statement(fields);
        var started = Stopwatch.GetTimestamp();
        IResultCursor cursor;
        try
        {
            var interrupt = _interrupt.Token;
            var session = _session!;
            var begin = _pendingBegin;
            var transaction = _transaction;
            cursor = await MayWaitForWriteLock(_transactionMode, async () =>
            {
                transaction ??= await session.BeginTransactionAsync(begin, interrupt);
                _transaction = transaction;
                return await transaction.StreamAsync(query, parameters, interrupt);
            });
        }
        catch (Exception e)
        {
            throw Translate(e, null, null);
        }
        var qid = _nextQid++;
        _results[qid] = new OpenResult(cursor, started, null, null);
        _lastQid = qid;
        _state = State.TxStreaming;
        await SuccessAsync(new Dictionary<string, object?>
        {
            ["fields"] = cursor.Keys.ToList<object?>(),
            ["t_first"] = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            ["qid"] = qid,
        });
    }

    /// <summary>PULL n (records, then has_more or the summary) or DISCARD n (the same without the records).</summary>
    private async Task PullAsync(object?[] fields, bool discard)
    {
        var extra = Map(fields, 0, discard ? "DISCARD extra" : "PULL extra");
        var n = extra.GetValueOrDefault("n") as long? ?? throw new RequestException($"{(discard ? "DISCARD" : "PULL")} needs n (how many records; -1 for all).");
        if (n == 0 || n < -1) throw new RequestException($"{(discard ? "DISCARD" : "PULL")} n must be positive or -1 (it is {n}).");
        var qid = _state == State.Streaming ? -1 : extra.GetValueOrDefault("qid") as long? ?? -1;
        if (_state == State.TxStreaming && qid == -1) qid = _lastQid;
        if (!_results.TryGetValue(qid, out var result))
            throw new RequestException($"There is no open result with qid {qid} to {(discard ? "DISCARD" : "PULL")}.");

        var token = result.Timeout?.Token ?? _interrupt.Token;
        var more = true;
        ResultSummary? summary = null;
        try
        {
            if (discard && n == -1)
            {
                summary = await result.Cursor.ConsumeAsync(token);
                more = false;
            }
            else
            {
                for (long i = 0; n == -1 || i < n; i++)
                {
                    if (!await result.Cursor.FetchAsync(token))
                    {
                        more = false;
                        break;
                    }
                    if (discard) continue;
                    WriteRecord(result.Cursor.Current.Values);
                    result.SentRecords = true;
                    if (_out.Pending >= 64 * 1024) await _out.FlushAsync(_stopping);
                }
                if (!more) summary = await result.Cursor.ConsumeAsync(token);
            }
        }
        catch (Exception e)
        {
            throw Translate(e, result.Timeout, result.Limit);
        }

        if (more)
        {
            await SuccessAsync(new Dictionary<string, object?> { ["has_more"] = true });
            return;
        }
        var autoCommit = _state == State.Streaming;
        // From the first write on, the transaction holds the store's write lock: the short idle timeout applies.
        if (!autoCommit && summary!.QueryType != QueryType.ReadOnly) _transactionWrote = true;
        var metadata = SummaryMetadata.For(_version, summary!, _database, (long)Stopwatch.GetElapsedTime(result.Started).TotalMilliseconds,
            hadKeys: result.Cursor.Keys.Count > 0, streamedRecords: result.SentRecords, includeBookmark: autoCommit);
        if (autoCommit && !metadata.ContainsKey("bookmark") && _session!.LastBookmarks is [.., var last]) metadata["bookmark"] = last;
        await CloseResultAsync(qid, result);
        if (autoCommit)
        {
            await EndSessionAsync();
            _state = State.Ready;
        }
        else if (_results.Count == 0)
        {
            _state = State.TxReady;
        }
        await SuccessAsync(metadata);
    }

    private async Task CommitAsync()
    {
        foreach (var (qid, result) in _results.ToList()) await CloseResultAsync(qid, result);
        try
        {
            // A transaction that ran no statement never began in the store: there is nothing to commit.
            if (_transaction is { } transaction) await transaction.CommitAsync(_interrupt.Token);
        }
        catch (Exception e)
        {
            throw Translate(e, null, null);
        }
        var metadata = new Dictionary<string, object?>();
        if (_session!.LastBookmarks is [.., var bookmark]) metadata["bookmark"] = bookmark;
        await EndSessionAsync();
        _state = State.Ready;
        await SuccessAsync(metadata);
    }

    private async Task RollbackAsync()
    {
        await AbortWorkAsync();
        _state = State.Ready;
        await SuccessAsync([]);
    }

    /// <summary>ROUTE: a routing table that names this one server for every role, so neo4j:// URIs work.</summary>
    private async Task RouteAsync(object?[] fields)
    {
        var routing = Map(fields, 0, "ROUTE routing");
        var extra = fields.Length > 2 && fields[2] is IReadOnlyDictionary<string, object?> e ? e : new Dictionary<string, object?>();
        var (database, _) = Database(extra);
        var address = !string.IsNullOrWhiteSpace(_options.AdvertisedAddress) ? _options.AdvertisedAddress
            : routing.GetValueOrDefault("address") as string ?? _routingAddress ?? (_local is IPEndPoint ip ? $"{ip.Address}:{ip.Port}" : "localhost:7687");
        List<object?> Servers(string role) => [new Dictionary<string, object?> { ["addresses"] = new List<object?> { address }, ["role"] = role }];
        await SuccessAsync(new Dictionary<string, object?>
        {
            ["rt"] = new Dictionary<string, object?>
            {
                ["ttl"] = 300L,
                ["db"] = database,
                ["servers"] = Servers("ROUTE").Concat(Servers("READ")).Concat(Servers("WRITE")).ToList(),
            },
        });
    }

    private async Task TelemetryAsync(object?[] fields)
    {
        if (fields.Length != 1 || fields[0] is not long api)
            throw new RequestException("TELEMETRY needs one integer, the driver API used (0-3).");
        if (api is < 0 or > 3) throw new RequestException($"Unknown driver interface type {api} in TELEMETRY (0-3).");
        await SuccessAsync([]);
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>
    /// Runs store work that may wait for the single write lock on a thread of its own: the embedded store waits
    /// synchronously, and sixteen writers waiting on thread-pool threads would starve the pool of the thread the
    /// lock holder needs to commit (each wait then ends in a timeout). Reads never wait, and stay on the pool.
    /// </summary>
    private static Task<T> MayWaitForWriteLock<T>(AccessMode mode, Func<Task<T>> work) =>
        mode == AccessMode.Read
            ? work()
            : Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private static (string Query, IReadOnlyDictionary<string, object?> Parameters) Statement(object?[] fields)
    {
        if (fields.Length < 2 || fields[0] is not string query)
            throw new RequestException("RUN needs the query text and a parameter map.");
        return (query, Map(fields, 1, "RUN parameters"));
    }

    private static IReadOnlyDictionary<string, object?> Map(object?[] fields, int index, string what) =>
        index < fields.Length
            ? fields[index] switch
            {
                IReadOnlyDictionary<string, object?> map => map,
                null => new Dictionary<string, object?>(),
                var other => throw new RequestException($"{what} must be a map, not {other.GetType().Name}."),
            }
            : throw new RequestException($"The message has no {what}.");

    /// <summary>A store failure as the client should see it: timeouts named as such, a reader's write as Neo4j's Forbidden.</summary>
    private GraphException Translate(Exception e, CancellationTokenSource? timeout, TimeSpan? limit)
    {
        if (Volatile.Read(ref _pendingResets) > 0 && e is OperationCanceledException or GraphException { Code: Neo4jStatus.Cancelled })
            throw new OperationCanceledException(); // interrupted by a RESET: answered IGNORED
        if (timeout is { IsCancellationRequested: true } && !_interrupt.IsCancellationRequested && e is OperationCanceledException or GraphException)
            return new ClientException(Neo4jStatus.TransactionTimedOut,
                $"The transaction has been terminated: it ran longer than its time limit of {limit?.TotalSeconds:0.###} s (the client's tx_timeout or Server:QueryTimeout); nothing it wrote was kept.");
        if (e is GraphException { Code: Neo4jStatus.AccessMode } && _user is { MayWrite: false } reader)
            return new ClientException(Neo4jStatus.Forbidden,
                $"Write operations on database '{_database}' are not allowed for user '{reader.User?.Name}' with roles [{string.Join(", ", reader.User?.Roles ?? [])}].");
        if (e is GraphException g) return g;
        if (e is OperationCanceledException) return new ClientException(Neo4jStatus.TransactionTerminated, "The transaction has been terminated.");
        _backend.Logger.LogError(e, "Bolt connection {Connection}: the store failed", _id);
        return new DatabaseException(Neo4jStatus.UnknownError, $"The store failed: {e.Message}");
    }

    private async Task FailAsync(GraphException e)
    {
        await AbortWorkAsync();
        await SendFailureAsync(e);
        if (_state is not (State.Negotiation or State.Authentication)) _state = State.Failed;
    }

    private async Task CloseResultAsync(long qid, OpenResult result)
    {
        _results.Remove(qid);
        try
        {
            await result.Cursor.DisposeAsync();
        }
        catch (GraphException)
        {
            // Ended by a failure already reported, or by the rollback that follows.
        }
        finally
        {
            result.Timeout?.Dispose();
        }
    }

    /// <summary>Stops whatever the connection holds: open results (a half-read auto-commit write is rolled back, not finished), the transaction, the session.</summary>
    private async Task AbortWorkAsync()
    {
        foreach (var (_, result) in _results)
        {
            if (result.Timeout is not { } timeout) continue;
            try { await timeout.CancelAsync(); } catch (ObjectDisposedException) { }
        }
        if (_results.Count > 0 && _transaction is null)
        {
            // An auto-commit cursor finishes a write when disposed; interrupting first makes it roll back instead.
            lock (_interruptLock) _interrupt.Cancel();
        }
        foreach (var (qid, result) in _results.ToList())
        {
            try { await CloseResultAsync(qid, result); } catch (Exception) { /* closing is best effort */ }
        }
        if (_transaction is { IsOpen: true } tx)
        {
            try { await tx.RollbackAsync(CancellationToken.None); } catch (Exception) { /* rolled back or failed already */ }
        }
        await EndSessionAsync();
        lock (_interruptLock)
        {
            if (_pendingResets == 0 && _interrupt.IsCancellationRequested)
            {
                _interrupt.Dispose();
                _interrupt = new CancellationTokenSource();
            }
        }
    }

    private async Task EndSessionAsync()
    {
        _results.Clear();
        _transaction = null;
        _pendingBegin = null;
        _transactionWrote = false;
        _transactionLease?.Dispose();
        _transactionLease = null;
        if (_session is { } session)
        {
            _session = null;
            try { await session.DisposeAsync(); } catch (GraphException) { /* nothing left to report */ }
        }
    }

    private void WriteRecord(IReadOnlyList<object?> values)
    {
        _packer.Clear();
        _packer.WriteStructHeader(BoltMessages.Record, 1);
        _packer.WriteListHeader(values.Count);
        foreach (var value in values) _values.Write(value);
        _out.Append(_packer.Written);
    }

    private Task SuccessAsync(Dictionary<string, object?> metadata) => SendAsync(BoltMessages.Success, metadata);

    private Task SendFailureAsync(GraphException e) =>
        Volatile.Read(ref _pendingResets) > 0
            ? SendAsync(BoltMessages.Ignored, null)
            : SendAsync(BoltMessages.Failure, FailureMetadata.For(_version, e));

    private async Task SendAsync(byte signature, Dictionary<string, object?>? metadata)
    {
        _packer.Clear();
        _packer.WriteStructHeader(signature, metadata is null ? 0 : 1);
        if (metadata is not null) _values.Write(metadata);
        _out.Append(_packer.Written);
        if (_out.Pending >= 64 * 1024) await _out.FlushAsync(_stopping);
    }

    /// <summary>A request whose fields are missing or of the wrong type (Neo.ClientError.Request.Invalid).</summary>
    private sealed class RequestException(string message) : Exception(message);
}
