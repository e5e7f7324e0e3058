using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Graph.Bolt.Server;

/// <summary>
/// The Bolt listener: accepts TCP connections (TLS when a certificate is configured) and serves each with a
/// <see cref="BoltConnection"/>, up to <see cref="BoltServerOptions.MaxConnections"/> at once,
/// <see cref="BoltServerOptions.MaxConnectionsPerAddress"/> from one address and <see cref="BoltServerOptions.MaxConnectionsPerUser"/>
/// for one user; beyond that a client is told the server is busy and closed.
/// </summary>
public sealed class BoltServer : IAsyncDisposable
{
    private readonly BoltBackend _backend;
    private readonly BoltServerOptions _options;
    private readonly string _host;
    private readonly int _port;
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task? _accepting;
    private readonly ConnectionCounts _perAddress;
    private readonly ConnectionCounts _perUser;
    private int _active;
    private int _rejecting;

    /// <param name="fallbackHost">Where to listen when Server:Bolt:Host is empty (graph serve passes Server:Host).</param>
    /// <param name="httpPort">The HTTP port of the same server: when it is 0 and no Bolt port is set, Bolt takes a free port too.</param>
    public BoltServer(BoltBackend backend, BoltServerOptions options, string fallbackHost = "127.0.0.1", int httpPort = -1)
    {
        options.Validate();
        if (backend.DatabaseNames.Count == 0) throw new ArgumentException("The Bolt server needs at least one database name.");
        _backend = backend;
        _options = options;
        _host = string.IsNullOrWhiteSpace(options.Host) ? fallbackHost : options.Host;
        _port = options.EffectivePort(httpPort);
        _perAddress = new ConnectionCounts(options.MaxConnectionsPerAddress);
        _perUser = new ConnectionCounts(options.MaxConnectionsPerUser);
    }

    /// <summary>Where the server listens, once started (with the real port when Port was 0).</summary>
    public IPEndPoint? Endpoint { get; private set; }

    /// <summary>The URI clients use: bolt://host:port (bolt+s:// with TLS).</summary>
    public string? Uri => Endpoint is { } e ? $"{(_options.Certificate is null ? "bolt" : "bolt+s")}://{Format(e)}" : null;

    /// <summary>Connections being served now.</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    public void Start()
    {
        var address = _host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(_host, out var parsed) ? parsed
            : throw new ArgumentException($"Server:Bolt:Host '{_host}' is not an IP address; use 127.0.0.1, ::1, 0.0.0.0 or localhost.");
        _listener = new TcpListener(address, _port);
        try
        {
            _listener.Start(backlog: 128);
        }
        catch (SocketException e)
        {
            throw new IOException($"Cannot listen for Bolt on {_host}:{_port}: {e.Message} Pick another port with --bolt-port (Server:Bolt:Port) or turn Bolt off with --no-bolt.", e);
        }
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptLoopAsync();
        _backend.Logger.LogInformation("Serving {Store} over Bolt (4.4, 5.0-5.8) at {Uri}", _backend.Driver.Description, Uri);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested) return;
                continue;
            }
            socket.NoDelay = true;
            var address = (socket.RemoteEndPoint as IPEndPoint)?.Address;
            var addressKey = address?.ToString() ?? "unknown";
            string? refusal = null;
            if (Interlocked.Increment(ref _active) > _options.MaxConnections)
                refusal = $"The server already serves {_options.MaxConnections} Bolt connections (Server:Bolt:MaxConnections); try again later.";
            else if (!_perAddress.TryEnter(addressKey))
                refusal = $"The server already serves {_options.MaxConnectionsPerAddress} Bolt connections from {addressKey} (Server:Bolt:MaxConnectionsPerAddress); close some or try again later.";
            if (refusal is not null)
            {
                Interlocked.Decrement(ref _active);
                // Tell a few extra clients why; drop the rest at once so that a flood costs nothing.
                if (Interlocked.Increment(ref _rejecting) > 16)
                {
                    Interlocked.Decrement(ref _rejecting);
                    socket.Dispose();
                    continue;
                }
            }
            var task = ServeAsync(socket, address, addressKey, refusal);
            _connections[task] = 0;
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket, IPAddress? address, string addressKey, string? refusal)
    {
        await Task.Yield();
        try
        {
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.Certificate is not null) stream = new SslStream(stream, leaveInnerStreamOpen: false);
            await using (stream)
            {
                var connection = new BoltConnection(stream, _backend, _options, socket.LocalEndPoint, address, _perUser);
                await connection.RunAsync(refusal, _stopping.Token);
            }
        }
        catch (Exception e)
        {
            // BoltConnection handles every expected failure; anything else is a bug, but must not stop the server.
            _backend.Logger.LogError(e, "A Bolt connection failed unexpectedly");
        }
        finally
        {
            socket.Dispose();
            if (refusal is not null) Interlocked.Decrement(ref _rejecting);
            else
            {
                _perAddress.Leave(addressKey);
                Interlocked.Decrement(ref _active);
            }
        }
    }

    /// <summary>Stops accepting, ends every connection (open transactions roll back) and waits for them.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync();
        _listener?.Stop();
        if (_accepting is not null) await _accepting;
        await Task.WhenAny(Task.WhenAll(_connections.Keys), Task.Delay(TimeSpan.FromSeconds(10)));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    private static string Format(IPEndPoint e) =>
        e.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{e.Address}]:{e.Port}" : $"{e.Address}:{e.Port}";
}
