using Graph.Queries.Model;
using Graph.Queries.Settings;

namespace Graph.Queries.Analysis;

/// <summary>`graph evolution`: windows of <see cref="Length"/> every <see cref="Step"/> from the first dated stance to the last.</summary>
public sealed record EvolutionReport(CalendarPeriod Length, CalendarPeriod Step, AnalysisSettings Settings, IReadOnlyList<EvolutionWindow> Windows);
