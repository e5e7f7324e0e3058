using Graph.Client;
using Graph.Queries;
using Graph.Queries.Lookup;
using Graph.Queries.Settings;

namespace Graph.Web;

public enum VizView
{
    Alignment,
    Communities,
    Matrix,
    Expert,
    Path,
}
