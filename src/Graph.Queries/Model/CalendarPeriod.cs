using System.Text.RegularExpressions;

namespace Graph.Queries.Model;

/// <summary>A length of calendar time as `graph evolution` takes it: 1y, 6m, 2w, 30d (years and months follow the calendar).</summary>
public readonly partial record struct CalendarPeriod(int Years, int Months, int Days)
{
    /// <summary>"1y", "6m", "2w", "30d"; the error names <paramref name="option"/>.</summary>
    public static CalendarPeriod Parse(string? text, string option)
    {
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success || !int.TryParse(match.Groups[1].Value, out var n) || n is < 1 or > 1000)
            throw new TimeWindowException($"{option} '{text}' is not a period: use a number and a unit, y (years), m (months), w (weeks) or d (days), e.g. {option} 6m.");
        return match.Groups[2].Value switch
        {
            "y" => new CalendarPeriod(n, 0, 0),
            "m" => new CalendarPeriod(0, n, 0),
            "w" => new CalendarPeriod(0, 0, 7 * n),
            _ => new CalendarPeriod(0, 0, n),
        };
    }

    public DateOnly AddTo(DateOnly day) => day.AddYears(Years).AddMonths(Months).AddDays(Days);

    public override string ToString() => Years > 0 ? $"{Years}y" : Months > 0 ? $"{Months}m" : Days % 7 == 0 ? $"{Days / 7}w" : $"{Days}d";

    [GeneratedRegex("^([0-9]+)([ymwd])$")]
    private static partial Regex Pattern();
}
