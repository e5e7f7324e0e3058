namespace Graph.Web.Coding;

/// <summary>POST /api/coding/experts: a new expert (name, optional name variants, an institution of the registry, a role).</summary>
public sealed class ExpertInput
{
    public string? Name { get; set; }
    public List<string>? Aliases { get; set; }
    public string? Institution { get; set; }
    public string? Role { get; set; }
}
