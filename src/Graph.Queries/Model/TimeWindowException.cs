namespace Graph.Queries.Model;

/// <summary>A problem with a time window as given (a date that is not yyyy-MM-dd, a window that ends before it starts); the message names the option.</summary>
public sealed class TimeWindowException(string message) : Exception(message);
