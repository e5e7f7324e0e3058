namespace Graph.Client;

public enum NotificationSeverity
{
    Information,
    Warning,
}
