using System.Globalization;
using Graph.Client;
using Graph.Engine.Runtime;

namespace Graph.Engine.Functions;

/// <summary>A built-in function: its arity and implementation. Most functions return null for a null argument.</summary>
internal sealed record FunctionDefinition(string Name, int MinArgs, int MaxArgs, ScalarFunction Invoke, bool IsNonDeterministic = false);
