using Graph.Client;

namespace Graph.Engine.Errors;

/// <summary>
/// The parser's syntax error for a query nested past its depth limit. A type of its own so that backtracking (which
/// retries other readings after an ordinary syntax error) recognises it and stops, without reading the message.
/// </summary>
internal sealed class NestingTooDeepException(string message) : ClientException(Neo4jStatus.SyntaxError, message);
