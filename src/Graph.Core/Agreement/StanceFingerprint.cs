using System.Security.Cryptography;
using System.Text;
using Graph.Core.Model;

namespace Graph.Core.Agreement;

/// <summary>
/// What a reviewer compared of one coding: its polarity and quote (expert and claim are its identity in the review).
/// A review records it per stance (<c>seen</c>), so a save made on a stale view is refused and a review whose stance
/// was edited afterwards is reported as needing review again.
/// </summary>
public static class StanceFingerprint
{
    public static string Of(StanceEntry stance) => Of(stance.Kind, stance.Quote);

    public static string Of(StanceKind kind, string quote)
    {
        var text = (kind == StanceKind.Endorses ? "endorses" : "criticizes") + "\u001f" + quote;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }
}
