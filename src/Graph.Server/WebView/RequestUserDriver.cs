using Graph.Client;

namespace Graph.Server.WebView;

/// <summary>
/// The store as the web view's /api sees it: every session runs as the user the request authenticated
/// (SessionConfig.User, with the role), and a reader's sessions are Read sessions, as over the Query API and Bolt.
/// One instance for the server, so that the web view's cache (kept per driver) is shared: every user may read every view.
/// </summary>
internal sealed class RequestUserDriver(IDriver store) : IDriver
{
    private static readonly AsyncLocal<ServerUser?> CurrentUser = new();

    /// <summary>Who the current request authenticated as; set by the web view's authentication for the rest of the request.</summary>
    public static ServerUser? Current
    {
        get => CurrentUser.Value;
        set => CurrentUser.Value = value;
    }

    public string Description => store.Description;

    public IAsyncSession AsyncSession(SessionConfig? config = null)
    {
        if (Current is not { } user) return store.AsyncSession(config);
        config ??= new SessionConfig();
        return store.AsyncSession(config with
        {
            User = new SessionUser(user.Name, [user.RoleName]),
            AccessMode = user.Role == ServerRole.Reader ? AccessMode.Read : config.AccessMode,
        });
    }

    public Task VerifyConnectivityAsync(CancellationToken cancellationToken = default) => store.VerifyConnectivityAsync(cancellationToken);

    /// <summary>The store belongs to graph serve's caller, not to the web view.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
