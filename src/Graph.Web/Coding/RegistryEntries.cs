using System.Text;
using System.Text.RegularExpressions;
using Graph.Core;
using Graph.Core.Editing;
using Graph.Core.Reading;
using Graph.Queries.Lookup;
using Graph.Queries.Text;
using Path = System.IO.Path;

namespace Graph.Web.Coding;

/// <summary>
/// New experts and claims from the Code page, appended to registry/experts.yaml and registry/claims.yaml as text (the
/// rest of the file, comments included, stays as it was). An expert whose name matches a registered name or name
/// variant is refused (409, naming it: choose it instead); so is a claim with the same text. The edited registry must
/// validate with every document before the file is replaced (atomically). The store learns of the new entry with the
/// next stance saved: the coding workspace loads a changed registry before it saves.
/// </summary>
public sealed partial class RegistryEntries(string dataDirectory)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<object> AddExpertAsync(ExpertInput input, CancellationToken ct)
    {
        var name = Text(input.Name, "name", 200);
        var institution = Text(input.Institution, "institution", 200);
        var role = input.Role is null ? "speaker" : GraphDataReader.ExpertRoles.Contains(input.Role)
            ? input.Role : throw new WebApiException(400, $"'role': '{input.Role}' is not a role; use one of {string.Join(", ", GraphDataReader.ExpertRoles)}");
        var aliases = (input.Aliases ?? []).Select(a => Text(a, "aliases", 200)).Distinct().ToList();
        await Gate.WaitAsync(ct);
        try
        {
            var data = GraphData.Load(dataDirectory).Data;
            var index = new EntityIndex(data.Experts.Select(e => new LookupEntry(EntityKind.Expert, e.Id, e.Name, e.Aliases)));
            foreach (var variant in aliases.Prepend(name))
            {
                var found = index.Resolve(variant, EntityKind.Expert);
                if (found.Status != LookupStatus.NotFound)
                    throw new WebApiException(409, $"'{variant}' is already in the registry as {string.Join(" or ", found.Matches.Select(m => $"{m.Name} ({m.Id})"))}: choose that expert instead of creating another.");
            }
            if (data.Institutions.All(i => i.Id != institution))
                throw new WebApiException(400, $"'institution': no institution has the id '{institution}'; choose one of the registry's institutions");
            var id = UniqueId(NameText.Fold(name), data.Experts.Select(e => e.Id));
            var entry = new StringBuilder()
                .Append("- id: ").Append(id).Append('\n')
                .Append("  name: ").Append(StanceFileEditor.Quote(name)).Append('\n');
            if (aliases.Count > 0) entry.Append("  aliases: [").Append(string.Join(", ", aliases.Select(StanceFileEditor.Quote))).Append("]\n");
            entry.Append("  roles: [").Append(role).Append("]\n")
                .Append("  affiliations: [{institution: ").Append(institution).Append("}]\n");
            await AppendAsync("experts.yaml", entry.ToString(), ct);
            return new { id, name, aliases };
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task<object> AddClaimAsync(ClaimInput input, CancellationToken ct)
    {
        var text = Text(input.Text, "text", 500);
        var topic = Text(input.Topic, "topic", 60);
        if (!GraphDataReader.Slug().IsMatch(topic)) throw new WebApiException(400, $"'topic': '{topic}' is not a topic; use one word or a slug such as remittances or human-rights");
        if (input.Paradigm is not null && input.Sign is not ("supports" or "opposes"))
            throw new WebApiException(400, "'sign': a claim's paradigm needs a sign, \"supports\" or \"opposes\"");
        await Gate.WaitAsync(ct);
        try
        {
            var data = GraphData.Load(dataDirectory).Data;
            if (data.Claims.FirstOrDefault(c => NameText.Fold(c.Text) == NameText.Fold(text)) is { } same)
                throw new WebApiException(409, $"The registry already has this claim as '{same.Id}': choose it instead of creating another.");
            if (input.Paradigm is { } p && data.Paradigms.All(x => x.Id != p))
                throw new WebApiException(400, $"'paradigm': no paradigm has the id '{p}'; use one of {string.Join(", ", data.Paradigms.Select(x => x.Id))}");
            var id = UniqueId(string.Join(' ', NameText.Fold(text).Split(' ').Take(6)), data.Claims.Select(c => c.Id));
            var entry = new StringBuilder()
                .Append("- id: ").Append(id).Append('\n')
                .Append("  text: ").Append(StanceFileEditor.Quote(text)).Append('\n')
                .Append("  topic: ").Append(topic).Append('\n');
            if (input.Paradigm is { } paradigm) entry.Append("  paradigms: [{paradigm: ").Append(paradigm).Append(", sign: ").Append(input.Sign).Append("}]\n");
            await AppendAsync("claims.yaml", entry.ToString(), ct);
            return new { id, text, topic, paradigms = input.Paradigm is null ? [] : new[] { new { id = input.Paradigm, name = data.Paradigms.First(x => x.Id == input.Paradigm).Name, sign = input.Sign } } };
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Appends an entry (written at indent 0) to a registry list, indented like the file's entries; validates; replaces the file.</summary>
    private async Task AppendAsync(string file, string entry, CancellationToken ct)
    {
        var path = Path.Combine(dataDirectory, "registry", file);
        var before = await File.ReadAllTextAsync(path, ct);
        var indent = EntryIndent().Match(before) is { Success: true } m ? m.Groups[1].Value : "  ";
        var indented = string.Concat(entry.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => indent + l + "\n"));
        var after = before + (before.EndsWith('\n') ? "" : "\n") + indented;
        var check = GraphData.Load(dataDirectory, GraphDataSelection.All with { Pending = new Dictionary<string, string> { [Path.GetFullPath(path)] = after } }, null);
        var added = check.Errors.Where(e => e.Location.File.EndsWith(file, StringComparison.Ordinal)).ToList();
        if (added.Count > 0) throw new WebApiException(400, "Not saved: " + string.Join("; ", added.Select(e => $"{e.Field}: {e.Message}")));
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + file + ".saving");
        await File.WriteAllTextAsync(temporary, after, new UTF8Encoding(false), ct);
        File.Move(temporary, path, overwrite: true);
    }

    private static string UniqueId(string folded, IEnumerable<string> taken)
    {
        var slug = Regex.Replace(folded, "[^a-z0-9]+", "-").Trim('-');
        if (slug.Length == 0) slug = "entry";
        if (slug.Length > 60) slug = slug[..60].TrimEnd('-');
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var id = slug;
        for (var n = 2; used.Contains(id); n++) id = $"{slug}-{n}";
        return id;
    }

    private static string Text(string? value, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new WebApiException(400, $"'{field}': missing");
        var trimmed = Regex.Replace(value.Trim(), @"\s+", " ");
        if (trimmed.Length > max) throw new WebApiException(400, $"'{field}': {trimmed.Length} characters; at most {max}");
        if (trimmed.Any(char.IsControl)) throw new WebApiException(400, $"'{field}': contains control characters");
        return trimmed;
    }

    [GeneratedRegex(@"(?m)^([ \t]*)- id:")]
    private static partial Regex EntryIndent();
}
