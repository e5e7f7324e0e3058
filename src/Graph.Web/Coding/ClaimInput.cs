namespace Graph.Web.Coding;

/// <summary>POST /api/coding/claims: a new claim (text, topic, optionally the paradigm it supports or opposes).</summary>
public sealed class ClaimInput
{
    public string? Text { get; set; }
    public string? Topic { get; set; }
    public string? Paradigm { get; set; }
    public string? Sign { get; set; }
}
