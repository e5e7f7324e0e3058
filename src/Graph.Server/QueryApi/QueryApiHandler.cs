using Graph.Client;
using Graph.Neo4j.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graph.Server.QueryApi;

/// <summary>
/// The Query API over any <see cref="IDriver"/>: auto-commit queries and explicit transactions, answered the way
/// Neo4j answers them (202 with a result, or a status and an <c>errors</c> body). Results are streamed from the
/// store's cursor to the response; an error before the first record gets its own status, an error after it ends the
/// body with an <c>errors</c> key (see <see cref="QueryResponseWriter"/>).
/// </summary>
internal sealed class QueryApiHandler(
    IDriver driver,
    ServerOptions options,
    BasicAuthentication authentication,
    TransactionRegistry transactions,
    ServerActivity activity,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<QueryApiHandler> logger)
{
    public const string AffinityHeader = "neo4j-cluster-affinity";

    // We are a single server: the affinity value only has to be stable, not meaningful.
    private static readonly string Affinity = Convert.ToBase64String("graph-serve"u8);

    /// <summary>POST /db/{database}/query/v2</summary>
    public Task AutoCommitAsync(HttpContext context, string database) => Guarded(context, async user =>
    {
        var request = await RequestReader.ReadAsync(context, options, statementRequired: true);
        using var limit = new TimeLimit(context, EffectiveTimeout(request), time, lifetime.ApplicationStopping);
        await using var session = driver.AsyncSession(SessionFor(user, request));
        await using var result = await StartAsync(limit, token => session.StreamAsync(request.Statement!, request.Parameters, token));
        await using var response = ResponseWriter.Stream(context);
        var summary = await result.SendAsync(response, request, database);
        if (summary is not null)
        {
            response.Body.WriteBookmarks(summary.Bookmark is { } b ? [b] : session.LastBookmarks);
            response.Body.WriteQueryType(QueryResponse.QueryTypeCode(summary.QueryType));
        }
        response.Body.End();
        await response.FlushAsync(context.RequestAborted);
    });

    /// <summary>POST /db/{database}/query/v2/tx (optionally with a first statement)</summary>
    public Task BeginAsync(HttpContext context, string database) => Guarded(context, async user =>
    {
        var request = await RequestReader.ReadAsync(context, options, statementRequired: false);
        transactions.EnsureRoomFor(user?.Name);
        var timeout = EffectiveTimeout(request);
        var session = driver.AsyncSession(SessionFor(user, request));
        IAsyncTransaction tx;
        try
        {
            tx = await session.BeginTransactionAsync(new TransactionConfig { Timeout = timeout, Metadata = request.TxMetadata }, context.RequestAborted);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
        OpenTransaction open;
        try
        {
            open = transactions.Add(session, tx, user?.Name, timeout);
        }
        catch
        {
            await tx.DisposeAsync();
            await session.DisposeAsync();
            throw;
        }
        await open.Gate.WaitAsync(context.RequestAborted);
        try
        {
            await RunInTransactionAsync(context, database, open, request, commit: false);
        }
        finally
        {
            open.Gate.Release();
        }
    });

    /// <summary>POST /db/{database}/query/v2/tx/{id} (a statement, or nothing to keep the transaction alive)</summary>
    public Task RunAsync(HttpContext context, string database, string id) => InTransaction(context, database, id, commit: false);

    /// <summary>POST /db/{database}/query/v2/tx/{id}/commit (optionally with a last statement)</summary>
    public Task CommitAsync(HttpContext context, string database, string id) => InTransaction(context, database, id, commit: true);

    /// <summary>DELETE /db/{database}/query/v2/tx/{id}</summary>
    public Task RollbackAsync(HttpContext context, string database, string id) => Guarded(context, async user =>
    {
        var open = await transactions.GetAsync(id, user?.Name);
        await open.Gate.WaitAsync(context.RequestAborted);
        try
        {
            await transactions.CloseAsync(open);
        }
        finally
        {
            open.Gate.Release();
        }
        context.Response.Headers[AffinityHeader] = Affinity;
        await ResponseWriter.WriteAsync(context, 202, new QueryResponse());
    });

    private Task InTransaction(HttpContext context, string database, string id, bool commit) => Guarded(context, async user =>
    {
        var open = await transactions.GetAsync(id, user?.Name);
        var request = await RequestReader.ReadAsync(context, options, statementRequired: false);
        await open.Gate.WaitAsync(context.RequestAborted);
        try
        {
            // Looked at again under the gate: the transaction may have expired or ended while we waited.
            await transactions.RecheckHeldAsync(open);
            await RunInTransactionAsync(context, database, open, request, commit);
        }
        finally
        {
            open.Gate.Release();
        }
    });

    /// <summary>
    /// Runs the request's statement (if any) in an open transaction, then commits or keeps it open. Any failure rolls
    /// it back, as Neo4j does. The idle clock starts again once the response is written, not before: a slow client
    /// reading a large result is not idle.
    /// </summary>
    private async Task RunInTransactionAsync(HttpContext context, string database, OpenTransaction open, QueryRequest request, bool commit)
    {
        context.Response.Headers[AffinityHeader] = Affinity;
        var closed = false;
        try
        {
            StatementResult? result = null;
            using var limit = new TimeLimit(context, open.Timeout, time, lifetime.ApplicationStopping);
            if (!string.IsNullOrWhiteSpace(request.Statement))
                result = await StartAsync(limit, token => open.Transaction.StreamAsync(request.Statement, request.Parameters, token));
            else if (commit)
            {
                // Nothing to send first: a failed commit still gets its own status (the catch below ends the transaction).
                await open.Transaction.CommitAsync(context.RequestAborted);
            }
            await using (result)
            {
                await using var response = ResponseWriter.Stream(context);
                ResultSummary? summary = null;
                if (result is not null)
                {
                    summary = await result.SendAsync(response, request, database);
                    if (summary is null)
                    {
                        closed = true;
                        await transactions.CloseAsync(open);
                        response.Body.End();
                        await response.FlushAsync(context.RequestAborted);
                        return;
                    }
                    if (summary.QueryType != QueryType.ReadOnly) open.MarkWrote();
                }
                else
                {
                    response.Body.Begin();
                    response.Body.StartData([]);
                    response.Body.EndData();
                }

                if (commit)
                {
                    IReadOnlyList<string> bookmarks = [];
                    GraphException? failure = null;
                    try
                    {
                        if (open.Transaction.IsOpen) await open.Transaction.CommitAsync(context.RequestAborted);
                        bookmarks = open.Session.LastBookmarks;
                    }
                    catch (GraphException e)
                    {
                        failure = e;
                    }
                    closed = true;
                    await transactions.CloseAsync(open);
                    if (failure is not null) response.Body.WriteErrors([new QueryApiError(failure.Code, ErrorMapping.ToMessage(failure))]);
                    response.Body.WriteBookmarks(bookmarks);
                }
                if (summary is not null) response.Body.WriteQueryType(QueryResponse.QueryTypeCode(summary.QueryType));
                if (!commit) response.Body.WriteTransaction(new TransactionInfo(open.Id, transactions.ExpiryOf(open)));
                response.Body.End();
                await response.FlushAsync(context.RequestAborted);
            }
            transactions.Touch(open);
        }
        catch
        {
            if (!closed) await transactions.CloseAsync(open);
            throw;
        }
    }

    /// <summary>
    /// Starts a statement and fetches its first record before anything is sent, so that a failure to compile or to
    /// start gets its own HTTP status rather than a 202 with an error inside.
    /// </summary>
    private async Task<StatementResult> StartAsync(TimeLimit limit, Func<CancellationToken, Task<IResultCursor>> start)
    {
        var running = activity.StatementStarted();
        IResultCursor? cursor = null;
        try
        {
            cursor = await start(limit.Token);
            var first = await cursor.FetchAsync(limit.Token);
            return new StatementResult(cursor, first, limit, running, logger);
        }
        catch (Exception e)
        {
            running.Dispose();
            if (cursor is not null) await DisposeQuietly(cursor);
            throw limit.Translate(e);
        }
    }

    private static async Task DisposeQuietly(IResultCursor cursor)
    {
        try
        {
            await cursor.DisposeAsync();
        }
        catch (Exception e) when (e is GraphException or OperationCanceledException)
        {
            // The statement already failed; that failure is what the client hears about.
        }
    }

    /// <summary>Checks the database name and the credentials; returns the user (null with authentication off).</summary>
    private ServerUser? Admit(HttpContext context, string database)
    {
        var user = authentication.Authenticate(context.Request);
        if (!options.DatabaseNames.Contains(database, StringComparer.OrdinalIgnoreCase))
            throw new QueryApiProblem(404, Neo4jStatus.DatabaseNotFound,
                $"Database '{database}' does not exist. This server serves: {string.Join(", ", options.DatabaseNames)}.");
        return user;
    }

    private static SessionConfig SessionFor(ServerUser? user, QueryRequest request) => new()
    {
        // A reader's queries always run in Read sessions, whatever the request asks for.
        AccessMode = user?.Role == ServerRole.Reader ? AccessMode.Read : request.AccessMode ?? AccessMode.Write,
        Bookmarks = request.Bookmarks,
        User = user is null ? null : new SessionUser(user.Name, [user.RoleName]),
    };

    private TimeSpan? EffectiveTimeout(QueryRequest request)
    {
        TimeSpan? requested = request.MaxExecutionTimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
        if (options.QueryTimeLimit is { } limit) return requested is { } r && r < limit ? r : limit;
        return requested;
    }

    /// <summary>
    /// A reader who writes is refused as Neo4j refuses a user without the write privilege: Security.Forbidden, not the
    /// access-mode error of a read session (the reader did not choose the read session; the role did).
    /// </summary>
    private static GraphException ForUser(GraphException e, ServerUser? user, string database) =>
        e.Code == Neo4jStatus.AccessMode && user?.Role == ServerRole.Reader
            ? new ClientException(Neo4jStatus.Forbidden,
                $"Writing to database '{database}' is not allowed for user '{user.Name}' with roles [{user.RoleName}]: " +
                "the statement creates, updates or deletes data or schema. Ask for the editor role, or run only reads.")
            : e;

    /// <summary>Turns every failure into a Neo4j-style error response; the server keeps serving.</summary>
    private async Task Guarded(HttpContext context, Func<ServerUser?, Task> work)
    {
        ServerUser? user = null;
        var database = context.GetRouteValue("database") as string ?? ServerOptions.DefaultDatabase;
        try
        {
            user = Admit(context, database);
            await work(user);
        }
        catch (QueryApiProblem problem) when (!context.Response.HasStarted)
        {
            if (problem.RetryAfter is { } wait) context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
            await ResponseWriter.WriteErrorAsync(context, problem.Status, problem.Code, problem.Message);
        }
        catch (GraphException e) when (!context.Response.HasStarted)
        {
            await ResponseWriter.WriteErrorAsync(context, ForUser(e, user, database));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is listening for an answer.
        }
        catch (OperationCanceledException) when (!context.Response.HasStarted)
        {
            await ResponseWriter.WriteErrorAsync(context, TimeLimit.TimedOut(null));
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            // Only a fault of the server gets here (bad input is refused above with a 4xx): its stack trace is logged.
            logger.LogError(e, "Query API request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            await ResponseWriter.WriteErrorAsync(context, 500, Neo4jStatus.UnknownError, $"The server failed: {e.Message}");
        }
    }
}
