namespace Graph.Web;

public enum VizView
{
    Alignment,
    Communities,
    Matrix,
    Expert,
    Path,
}
