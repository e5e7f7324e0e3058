namespace Graph.Web.Views;

/// <summary>
/// Colours of every view and export, from Okabe and Ito's colour-blind-safe set. Node colours (communities,
/// paradigms) never reuse the colours of lines and cells: fault lines are dark grey, and the agreement matrix runs
/// from purple (agree) through white to orange-brown (disagree).
/// </summary>
public static class ViewPalette
{
    /// <summary>Community colours in order (group 1 first); groups beyond these share <see cref="OtherGroups"/>.</summary>
    public static readonly IReadOnlyList<string> Communities = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];

    public const string OtherGroups = "#8C8C8C";

    /// <summary>Experts in no community, or with no dominant paradigm.</summary>
    public const string None = "#BDBDBD";

    public const string FaultLine = "#444444";

    public const string Agree = "#5E3C99";
    public const string Disagree = "#B35806";

    public static string Community(int number) =>
        number >= 1 && number <= Communities.Count ? Communities[number - 1] : number <= 0 ? None : OtherGroups;

    /// <summary>Paradigm colours by position in the id-ordered list of paradigms (vermillion, bluish green, blue, ...).</summary>
    public static string Paradigm(int index) => index switch
    {
        0 => "#0072B2",
        1 => "#D55E00",
        2 => "#009E73",
        3 => "#CC79A7",
        _ => "#56B4E9",
    };
}
