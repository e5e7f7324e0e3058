using Graph.Client;
using Graph.Neo4j.Wire;
using Microsoft.AspNetCore.Http;

namespace Graph.Server.QueryApi;

/// <summary>Reads and checks a Query API request body: media type, size, UTF-8, JSON shape, value ranges.</summary>
internal static class RequestReader
{
    public static async Task<QueryRequest> ReadAsync(HttpContext context, ServerOptions options, bool statementRequired)
    {
        var request = context.Request;
        var limit = options.MaxRequestBodyBytes;
        if (request.ContentLength is { } declared && declared > limit)
            throw TooLarge(declared, limit);

        var body = await ReadBodyAsync(request, limit, context.RequestAborted);
        var contentType = request.ContentType;
        var hasBody = body.AsSpan().Trim(" \t\r\n"u8).Length > 0;
        if (hasBody && !MediaTypes.IsTyped(contentType) && !MediaTypes.IsPlain(contentType))
            throw new QueryApiProblem(415, Neo4jStatus.InvalidRequest,
                $"Unsupported Content-Type '{contentType ?? "(none)"}': send the body as {MediaTypes.PlainJson} or {MediaTypes.TypedJson}.");

        QueryRequest parsed;
        try
        {
            parsed = QueryRequest.Parse(body, typed: MediaTypes.IsTyped(contentType));
        }
        catch (WireFormatException e)
        {
            throw new QueryApiProblem(400, e.Code, e.Message);
        }
        catch (ClientException e)
        {
            throw new QueryApiProblem(400, e.Code, e.Message);
        }
        // Impersonation needs a privilege nobody has here: asking for it is refused rather than ignored.
        if (parsed.ImpersonatedUser is { } impersonated)
            throw new QueryApiProblem(403, Neo4jStatus.Forbidden,
                $"Impersonating '{impersonated}' is not allowed: graph serve runs every request as the user who authenticated. Leave out \"impersonatedUser\".");
        if (statementRequired && string.IsNullOrWhiteSpace(parsed.Statement))
            throw new QueryApiProblem(400, Neo4jStatus.InvalidRequest,
                "The request has no \"statement\": send {\"statement\": \"RETURN 1\", \"parameters\": {}}.");
        return parsed;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit) throw TooLarge(null, limit);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            throw TooLarge(request.ContentLength, limit);
        }
        return buffer.ToArray();
    }

    private static QueryApiProblem TooLarge(long? size, long limit) =>
        new(413, Neo4jStatus.RequestTooLarge,
            $"The request body{(size is { } s ? $" ({s} bytes)" : "")} is larger than the server accepts ({limit} bytes). " +
            "Send smaller batches, or raise Server:MaxRequestBodyBytes.");
}
