using Graph.Client;
using StatusCodes = Graph.Client.StatusCodes;
using Graph.Neo4j.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Graph.Server.QueryApi;

/// <summary>
/// The Query API over any <see cref="IDriver"/>: auto-commit queries and explicit transactions,
/// answered the way Neo4j answers them (202 with a result, or a status and an <c>errors</c> body).
/// </summary>
internal sealed class QueryApiHandler(
    IDriver driver,
    ServerOptions options,
    BasicAuthentication authentication,
    TransactionRegistry transactions,
    ILogger<QueryApiHandler> logger)
{
    public const string AffinityHeader = "neo4j-cluster-affinity";

    // We are a single server: the affinity value only has to be stable, not meaningful.
    private static readonly string Affinity = Convert.ToBase64String("graph-serve"u8);

    /// <summary>POST /db/{database}/query/v2</summary>
    public Task AutoCommitAsync(HttpContext context, string database) => Guarded(context, async () =>
    {
        var user = Admit(context, database);
        var request = await RequestReader.ReadAsync(context, options, statementRequired: true);
        var timeout = EffectiveTimeout(request);
        await using var session = driver.AsyncSession(SessionFor(user, request));
        var result = await WithinTimeLimit(context, timeout, async token =>
        {
            if (timeout is null) return await session.RunAsync(request.Statement!, request.Parameters, token);
            // An auto-commit query with a time limit runs in a transaction that carries the limit.
            await using var tx = await session.BeginTransactionAsync(TransactionConfigFor(request, timeout), token);
            var inner = await tx.RunAsync(request.Statement!, request.Parameters, token);
            await tx.CommitAsync(token);
            return inner;
        });
        var bookmarks = result.Summary.Bookmark is { } b ? [b] : session.LastBookmarks;
        await ResponseWriter.WriteAsync(context, 202, ToResponse(result, request, bookmarks, null));
    });

    /// <summary>POST /db/{database}/query/v2/tx (optionally with a first statement)</summary>
    public Task BeginAsync(HttpContext context, string database) => Guarded(context, async () =>
    {
        var user = Admit(context, database);
        var request = await RequestReader.ReadAsync(context, options, statementRequired: false);
        var timeout = EffectiveTimeout(request);
        var session = driver.AsyncSession(SessionFor(user, request));
        IAsyncTransaction tx;
        try
        {
            tx = await session.BeginTransactionAsync(TransactionConfigFor(request, timeout), context.RequestAborted);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
        var open = transactions.Add(session, tx, user?.Name, timeout);
        await open.Gate.WaitAsync(context.RequestAborted);
        try
        {
            await RunInTransactionAsync(context, open, request, commit: false);
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
    public Task RollbackAsync(HttpContext context, string database, string id) => Guarded(context, async () =>
    {
        var user = Admit(context, database);
        var open = transactions.Get(id, user?.Name);
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

    private Task InTransaction(HttpContext context, string database, string id, bool commit) => Guarded(context, async () =>
    {
        var user = Admit(context, database);
        var open = transactions.Get(id, user?.Name);
        var request = await RequestReader.ReadAsync(context, options, statementRequired: false);
        await open.Gate.WaitAsync(context.RequestAborted);
        try
        {
            // Looked up again under the gate: the transaction may have expired while we waited.
            open = transactions.Get(id, user?.Name);
            await RunInTransactionAsync(context, open, request, commit);
        }
        finally
        {
            open.Gate.Release();
        }
    });

    /// <summary>Runs the request's statement (if any) in an open transaction, then commits or keeps it open. Any failure rolls it back, as Neo4j does.</summary>
    private async Task RunInTransactionAsync(HttpContext context, OpenTransaction open, QueryRequest request, bool commit)
    {
        open.Expires = transactions.NextExpiry();
        context.Response.Headers[AffinityHeader] = Affinity;
        try
        {
            QueryResult? result = null;
            if (!string.IsNullOrWhiteSpace(request.Statement))
                result = await WithinTimeLimit(context, open.Timeout, token => open.Transaction.RunAsync(request.Statement, request.Parameters, token));
            if (commit)
            {
                await open.Transaction.CommitAsync(context.RequestAborted);
                var bookmarks = open.Session.LastBookmarks;
                await transactions.CloseAsync(open);
                await ResponseWriter.WriteAsync(context, 202, ToResponse(result, request, bookmarks, null));
                return;
            }
            open.Expires = transactions.NextExpiry();
            await ResponseWriter.WriteAsync(context, 202, ToResponse(result, request, [], new TransactionInfo(open.Id, open.Expires)));
        }
        catch
        {
            await transactions.CloseAsync(open);
            throw;
        }
    }

    /// <summary>Checks the database name and the credentials; returns the user (null with authentication off).</summary>
    private ServerUser? Admit(HttpContext context, string database)
    {
        var user = authentication.Authenticate(context.Request);
        if (!options.DatabaseNames.Contains(database, StringComparer.OrdinalIgnoreCase))
            throw new QueryApiProblem(404, StatusCodes.DatabaseNotFound,
                $"Database '{database}' does not exist. This server serves: {string.Join(", ", options.DatabaseNames)}.");
        return user;
    }

    private static SessionConfig SessionFor(ServerUser? user, QueryRequest request) => new()
    {
        // A reader's queries always run in Read sessions, whatever the request asks for.
        AccessMode = user?.Role == ServerRole.Reader ? AccessMode.Read : request.AccessMode ?? AccessMode.Write,
        Bookmarks = request.Bookmarks,
    };

    private TimeSpan? EffectiveTimeout(QueryRequest request)
    {
        TimeSpan? requested = request.MaxExecutionTimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
        if (options.QueryTimeout is { } limit) return requested is { } r && r < limit ? r : limit;
        return requested;
    }

    private static TransactionConfig TransactionConfigFor(QueryRequest request, TimeSpan? timeout) => new()
    {
        Timeout = timeout,
        Metadata = request.TxMetadata,
    };

    /// <summary>
    /// Runs store work that stops when the client goes away or the time limit passes. The store
    /// enforces TransactionConfig.Timeout itself; our deadline, a little later, is the backstop, and
    /// whatever the store reports when it fires becomes the timeout error.
    /// </summary>
    private static async Task<T> WithinTimeLimit<T>(HttpContext context, TimeSpan? timeout, Func<CancellationToken, Task<T>> work)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (timeout is { } t) limit.CancelAfter(t + TimeSpan.FromMilliseconds(250));
        try
        {
            return await work(limit.Token);
        }
        catch (Exception e) when (e is GraphException or OperationCanceledException
                                  && limit.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested
                                  && (e as GraphException)?.Code != StatusCodes.QueryTimeout)
        {
            throw TimedOut(timeout);
        }
    }

    private static ClientException TimedOut(TimeSpan? timeout) => new(StatusCodes.QueryTimeout,
        $"The query ran longer than its time limit{(timeout is { } t ? $" of {t.TotalSeconds:0.###} s" : "")} " +
        "(Server:QueryTimeout or the request's maxExecutionTime) and was stopped; nothing it wrote was kept.");

    private static QueryResponse ToResponse(QueryResult? result, QueryRequest request, IReadOnlyList<string> bookmarks, TransactionInfo? transaction) =>
        result is null
            ? new QueryResponse { Bookmarks = bookmarks, Transaction = transaction }
            : new QueryResponse
            {
                Fields = result.Keys,
                Rows = result.Records.Select(r => r.Values.ToArray()).ToList(),
                Counters = request.IncludeCounters ? result.Counters : null,
                Notifications = result.Summary.Notifications,
                Bookmarks = bookmarks,
                QueryType = QueryResponse.QueryTypeCode(result.Summary.QueryType),
                Transaction = transaction,
            };

    /// <summary>Turns every failure into a Neo4j-style error response; the server keeps serving.</summary>
    private async Task Guarded(HttpContext context, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (QueryApiProblem problem)
        {
            await ResponseWriter.WriteErrorAsync(context, problem.Status, problem.Code, problem.Message);
        }
        catch (GraphException e)
        {
            await ResponseWriter.WriteErrorAsync(context, e);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is listening for an answer.
        }
        catch (OperationCanceledException)
        {
            await ResponseWriter.WriteErrorAsync(context, TimedOut(null));
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            logger.LogError(e, "Query API request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            await ResponseWriter.WriteErrorAsync(context, 500, StatusCodes.UnknownError, $"The server failed: {e.Message}");
        }
    }
}
