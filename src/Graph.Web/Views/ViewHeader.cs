namespace Graph.Web.Views;

/// <summary>What every view and export carries besides its drawing: what it shows, where the data comes from, how it was computed.</summary>
public sealed record ViewHeader(string Title, string Sentence, string Source, string Settings)
{
    /// <summary>The caption under an exported picture.</summary>
    public string Caption => $"Data: {Source}. {Settings}.";
}
