namespace Graph.Queries.Settings;

/// <summary>A malformed analysis setting; the message names the setting and the values it accepts.</summary>
public sealed class AnalysisSettingsException(string message) : ArgumentException(message);
