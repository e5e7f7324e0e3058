using System.Net.Http.Headers;
using System.Text;
using Graph.Client;
using Graph.Engine;
using Graph.Ingestion;
using Graph.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Graph.Web.Tests;

/// <summary>
/// The Code page for real: a copy of the fictional Harbour Forum graph-data (tests/Fixtures/harbour-forum) ingested
/// into an embedded store, `graph serve --data` on a loopback port with an editor and a reader, and Chromium.
/// </summary>
public class CodingFixture : IAsyncLifetime
{
    public const string Editor = "ana-coder";
    public const string Reader = "rita";
    public const string Password = "harbour-secret";

    private readonly string _root = Directory.CreateTempSubdirectory("graph-coding-tests-").FullName;
    private WebApplication? _server;
    private IPlaywright? _playwright;

    public string DataDirectory => Path.Combine(_root, "graph-data");
    public IDriver Driver { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Copy(Path.Combine(WebViewFixture.RepositoryRoot, "tests", "Fixtures", "harbour-forum", "graph-data"), DataDirectory);
        Prepare(DataDirectory);
        Driver = EmbeddedDriver.Open(Path.Combine(_root, "db"));
        var report = await new GraphLoader(Driver).LoadAsync(DataDirectory, LoadOptions);
        if (!report.Succeeded) throw new InvalidOperationException("The Harbour Forum fixture did not load: " + string.Join("; ", report.Diagnostics));
        var options = new ServerOptions
        {
            Host = "127.0.0.1", Port = 0,
            Users = [new ServerUser { Name = Editor, Password = Password }, new ServerUser { Name = Reader, Password = Password, Role = ServerRole.Reader }],
            MaxFailedLogins = 1000,
        };
        options.Bolt.Enabled = false;
        _server = GraphServer.Build(options, Driver, LogLevel.Warning, graphData: DataDirectory);
        await _server.StartAsync();
        BaseUrl = GraphServer.Addresses(_server).First().TrimEnd('/');
        (_playwright, Browser) = await WebViewFixture.LaunchAsync();
    }

    /// <summary>How the fixture's graph-data is loaded (a fixture for another case may bound the network differently).</summary>
    protected virtual IngestionOptions LoadOptions => new();

    /// <summary>Changes the copied graph-data before it is loaded (a fixture for another case).</summary>
    protected virtual void Prepare(string dataDirectory)
    {
    }

    /// <summary>A browser context signed in as <paramref name="user"/> (a separate context is a separate person; two pages of one are two tabs).</summary>
    public Task<IBrowserContext> SignInAsync(string user) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        HttpCredentials = new HttpCredentials { Username = user, Password = Password },
    });

    /// <summary>A new tab on the Review page of <paramref name="document"/>, its console errors and page errors collected in <paramref name="errors"/>.</summary>
    public async Task<IPage> OpenReviewPageAsync(IBrowserContext context, string document, List<string> errors)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"{BaseUrl}/review?document={document}");
        await page.WaitForSelectorAsync("[data-testid=disagreement]", new PageWaitForSelectorOptions { Timeout = 20_000 });
        return page;
    }

    public HttpClient Http(string user)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{Password}")));
        return http;
    }

    public string StancesFile(string document) => Path.Combine(DataDirectory, "documents", document, "stances.yaml");

    public async Task<long> ScalarAsync(string query)
    {
        await using var session = Driver.AsyncSession(SessionConfig.Read);
        return (long)(await session.RunAsync(query)).Single()[0]!;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        if (Driver is not null) await Driver.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
