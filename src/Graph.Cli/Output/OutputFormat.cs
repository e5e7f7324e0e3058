
namespace Graph.Cli.Output;

public enum OutputFormat
{
    Table,
    Json,
    Csv,
}
