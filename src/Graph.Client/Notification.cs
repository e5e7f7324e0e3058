namespace Graph.Client;

public sealed record Notification(string Code, string Title, string Description, NotificationSeverity Severity, InputPosition? Position = null);
