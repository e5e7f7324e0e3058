using Graph.Client;
using Graph.Engine;
using Graph.Ingestion;
using Graph.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Graph.Web.Tests;

/// <summary>
/// The real thing, once for all browser tests: the shipped graph-data ingested into an embedded store on disk,
/// `graph serve` on a free loopback port, and Debian's headless Chromium driven by Playwright.
/// </summary>
public sealed class WebViewFixture : IAsyncLifetime
{
    private readonly string _databaseDirectory = Directory.CreateTempSubdirectory("graph-web-tests-").FullName;
    private WebApplication? _server;
    private IPlaywright? _playwright;

    public IDriver Driver { get; private set; } = null!;

    /// <summary>The settings the server runs with (what `graph serve` reads from the Analysis section).</summary>
    public Graph.Queries.Settings.AnalysisSettings Settings { get; } = Graph.Queries.Settings.AnalysisSettings.Default;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Where screenshots go: artifacts/screenshots under the repository (kept by CI as test artifacts).</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot, "artifacts", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        Driver = EmbeddedDriver.Open(_databaseDirectory);
        var report = await new GraphLoader(Driver).LoadAsync(Path.Combine(RepositoryRoot, "graph-data"));
        if (!report.Succeeded) throw new InvalidOperationException("The shipped graph-data did not load: " + string.Join("; ", report.Diagnostics));

        _server = GraphServer.Build(new ServerOptions { Host = "127.0.0.1", Port = 0, AuthEnabled = false }, Driver, LogLevel.Warning, analysis: Settings);
        await _server.StartAsync();
        BaseUrl = GraphServer.Addresses(_server).First().TrimEnd('/');

        (_playwright, Browser) = await LaunchAsync();
    }

    /// <summary>Debian's Chromium, headless, driven by Playwright (nothing downloaded).</summary>
    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // Chromium's own background services would try the (closed) network; as root it needs --no-sandbox.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// Where the tests that measure each view put the screenshots the README shows: artifacts/screenshots/docs-images,
    /// so that running the tests leaves the checkout clean; with GRAPH_UPDATE_DOCS_IMAGES=1, docs/images itself (to
    /// refresh the README's pictures after a change to a view).
    /// </summary>
    public static string DocsImages { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("GRAPH_UPDATE_DOCS_IMAGES") == "1"
            ? Path.Combine(RepositoryRoot, "docs", "images")
            : Path.Combine(ScreenshotDirectory, "docs-images")).FullName;

    private static string ChromiumPath()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("GRAPH_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" })
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("No Chromium found: install Debian's chromium (apt-get install chromium; .ci/install does it) or set GRAPH_CHROMIUM.");
    }

    /// <summary>A fresh page that records console errors and uncaught exceptions.</summary>
    public Task<(IPage Page, List<string> Errors)> NewPageAsync() => NewPageAsync(Browser);

    public static async Task<(IPage Page, List<string> Errors)> NewPageAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public async Task<long> ScalarAsync(string query)
    {
        await using var session = Driver.AsyncSession(SessionConfig.Read);
        return (long)(await session.RunAsync(query)).Single()[0]!;
    }

    public async Task<IReadOnlyList<Graph.Client.Record>> RowsAsync(string query)
    {
        await using var session = Driver.AsyncSession(SessionConfig.Read);
        return (await session.RunAsync(query)).Records;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        if (Driver is not null) await Driver.DisposeAsync();
        try { Directory.Delete(_databaseDirectory, recursive: true); } catch (IOException) { }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Graph.sln) above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class WebViewCollection : ICollectionFixture<WebViewFixture>
{
    public const string Name = "web view";
}
