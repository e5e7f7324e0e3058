using Graph.Engine;
using Graph.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Graph.Web.Tests;

/// <summary>
/// The web view's Cypher console in real Chromium, logged in through the browser's Basic-authentication prompt: it runs
/// as the logged-in user, so a reader's write is refused with Neo4j's Security.Forbidden, and an editor's goes through.
/// </summary>
public class ConsoleRoleTests
{
    private const int Timeout = 30_000;

    [Fact]
    public async Task A_reader_writing_in_the_console_gets_forbidden_and_an_editor_writes()
    {
        await using var store = EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false });
        var options = new ServerOptions
        {
            Host = "127.0.0.1",
            Port = 0,
            Bolt = { Enabled = false },
            Users = [new ServerUser { Name = "ed", Password = "ed-pw" }, new ServerUser { Name = "rita", Password = "rita-pw", Role = ServerRole.Reader }],
        };
        await using var server = GraphServer.Build(options, store, LogLevel.Warning);
        await server.StartAsync();
        var baseUrl = GraphServer.Addresses(server).First().TrimEnd('/');
        var (playwright, browser) = await WebViewFixture.LaunchAsync();
        try
        {
            Assert.Contains("Neo.ClientError.Security.Forbidden", await RunInConsole(browser, baseUrl, "rita", "rita-pw", "CREATE (:ConsoleWrite {by: 'rita'})", "console-error"));
            Assert.Contains("1 row(s)", await RunInConsole(browser, baseUrl, "ed", "ed-pw", "CREATE (n:ConsoleWrite {by: 'ed'}) RETURN n.by AS author", "console-table"));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
            await server.StopAsync();
        }
        await using var session = store.AsyncSession();
        Assert.Equal("ed", (await session.RunAsync("MATCH (n:ConsoleWrite) RETURN n.by AS author")).Single()["author"]);
    }

    /// <summary>Logs in as <paramref name="user"/> (the browser answers the server's Basic challenge), runs <paramref name="statement"/>, returns the answer's text.</summary>
    private static async Task<string> RunInConsole(IBrowser browser, string baseUrl, string user, string password, string statement, string testId)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { HttpCredentials = new HttpCredentials { Username = user, Password = password } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/#/console");
        await page.FillAsync("#query", statement);
        await page.ClickAsync("#run");
        // Whichever answer comes, table or error, say what it was.
        await page.WaitForSelectorAsync("[data-testid=console-table], [data-testid=console-error]", new PageWaitForSelectorOptions { Timeout = Timeout });
        var text = await page.Locator("#consoleError").InnerTextAsync() + "\n" + await page.Locator("#consoleTable").InnerTextAsync();
        Assert.True(await page.Locator($"[data-testid={testId}]").CountAsync() == 1, text);
        return text;
    }
}
