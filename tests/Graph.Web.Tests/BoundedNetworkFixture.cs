using Graph.Ingestion;
using Graph.Ingestion.Planning;

namespace Graph.Web.Tests;

/// <summary>
/// <see cref="CodingFixture"/> with the network bounded at two participants per claim (as `graph ingest
/// --network-max-participants 2`): the Harbour Forum's seasonal-labour-rights (three participants) ties no one.
/// </summary>
public sealed class BoundedNetworkFixture : CodingFixture
{
    protected override IngestionOptions LoadOptions => new() { Network = new NetworkLimits { MaxClaimParticipants = 2 } };
}
