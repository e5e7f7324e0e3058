using System.Globalization;

namespace Graph.Queries.Model;

/// <summary>
/// The dates an analysis is restricted to, both ends included (null: open). A stance's date is its session's date,
/// else its document's date (cypher/queries/stances-dated.cypher compares DATE values); a stance with neither is in
/// no window. Within a window the stances that count follow <see cref="StanceRule"/>, as without one.
/// </summary>
public sealed record TimeWindow(DateOnly? From, DateOnly? To)
{
    public static TimeWindow All { get; } = new(null, null);

    public bool IsAll => From is null && To is null;

    public bool Contains(DateOnly day) => (From is null || day >= From) && (To is null || day <= To);

    /// <summary>The window of two yyyy-MM-dd texts (either may be empty); the error names <paramref name="fromName"/> or <paramref name="toName"/>.</summary>
    public static TimeWindow Parse(string? from, string? to, string fromName = "--from", string toName = "--to")
    {
        var window = new TimeWindow(Day(from, fromName), Day(to, toName));
        if (window is { From: { } f, To: { } t } && t < f)
            throw new TimeWindowException($"{toName} {Text(t)} is before {fromName} {Text(f)}: the window would be empty; swap them.");
        return window;
    }

    private static DateOnly? Day(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new TimeWindowException($"{name} '{text}' is not a date: use yyyy-MM-dd (e.g. {name} 2019-01-01).");
    }

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The Cypher parameters of cypher/queries/stances-dated.cypher.</summary>
    public Dictionary<string, object?> Parameters() => new()
    {
        ["from"] = From is { } f ? Text(f) : null,
        ["to"] = To is { } t ? Text(t) : null,
    };

    public override string ToString() => IsAll ? "all dates" : $"{(From is { } f ? Text(f) : "…")} to {(To is { } t ? Text(t) : "…")}";
}
