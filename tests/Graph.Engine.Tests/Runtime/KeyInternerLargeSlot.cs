namespace Graph.Engine.Tests.Runtime;

/// <summary>The tests that read or fill the process's one large interner run alone: a parallel statement could take it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KeyInternerLargeSlot
{
    public const string Name = "the process's large key interner";
}
