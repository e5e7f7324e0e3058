namespace Graph.Web;

/// <summary>A request the view cannot answer as asked (unknown id, missing argument): becomes a 404/400 with the message.</summary>
public sealed class WebApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
