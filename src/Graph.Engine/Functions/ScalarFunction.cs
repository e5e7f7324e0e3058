using System.Globalization;
using Graph.Client;
using Graph.Engine.Runtime;

namespace Graph.Engine.Functions;

internal delegate object? ScalarFunction(object?[] args, QueryContext ctx);
