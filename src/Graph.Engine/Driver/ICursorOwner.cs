using Graph.Engine.Planning;

namespace Graph.Engine.Driver;

/// <summary>Who a running statement answers to: an auto-commit session (commits at the end) or an explicit transaction.</summary>
internal interface ICursorOwner
{
    /// <summary>The statement ran to its end; commit if the owner commits per statement. Returns the bookmark of what it committed, if it wrote.</summary>
    string? OnCompleted(CompiledStatement statement);

    /// <summary>The statement failed: undo what it did (the whole transaction, or back to the statement's savepoint).</summary>
    void OnFailed(Exception error);

    /// <summary>The cursor is done (completed, failed or abandoned): release what it held.</summary>
    void OnClosed(EmbeddedResultCursor cursor);
}
