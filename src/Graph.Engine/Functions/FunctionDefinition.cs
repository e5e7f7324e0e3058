using System.Globalization;
using Graph.Client;
using Graph.Engine.Runtime;

namespace Graph.Engine.Functions;

/// <summary>A built-in function: its arity and implementation. Most functions return null for a null argument.</summary>
/// <param name="Unary">
/// For a function of exactly one argument that maps null to null: the same function taking its non-null argument
/// directly. A call of it then needs no argument array (one per row otherwise: <c>RETURN type(r)</c> over many rows).
/// </param>
/// <param name="ReturnsHeld">
/// The result is never a value built for the call but one held already (a relationship type's name from the token
/// registry): not counted against the statement's memory per row as a new string would be.
/// </param>
internal sealed record FunctionDefinition(string Name, int MinArgs, int MaxArgs, ScalarFunction Invoke, bool IsNonDeterministic = false,
    Func<object, QueryContext, object?>? Unary = null, bool ReturnsHeld = false);
