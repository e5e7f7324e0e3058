using Graph.Engine;
using Graph.Tck.Execution;

namespace Graph.Tck.UnitTests;

/// <summary>The TCK's "there exists a procedure" steps become procedures of the scenario's engine.</summary>
public class TckProcedureTests
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> CityTable =
    [
        ["name", "id", "city", "country_code"],
        ["'Andres'", "1", "'Malmö'", "46"],
        ["'Stefan'", "1", "'Berlin'", "49"],
        ["'Stefan'", "2", "'München'", "49"],
        ["null", "3", "'Nowhere'", "0"],
    ];

    [Fact]
    public async Task A_call_yields_the_outputs_of_the_rows_whose_inputs_equal_the_arguments()
    {
        var procedure = TckProcedure.FromStep(
            "there exists a procedure test.my.proc(name :: STRING?, id :: INTEGER?) :: (city :: STRING?, country_code :: INTEGER?):", CityTable);
        Assert.Equal("test.my.proc", procedure.Name);
        await using var driver = EmbeddedDriver.InMemory();
        driver.Procedures.Register(procedure);
        await using var session = driver.AsyncSession();
        var berlin = await session.RunAsync("CALL test.my.proc('Stefan', 1)");
        Assert.Equal(["city", "country_code"], berlin.Keys);
        Assert.Equal("Berlin", berlin.Single()["city"]);
        Assert.Equal("Nowhere", (await session.RunAsync("CALL test.my.proc(null, 3)")).Single()["city"]);
        Assert.Empty((await session.RunAsync("CALL test.my.proc('Nobody', 1)")).Records);
    }

    [Fact]
    public void A_table_whose_header_does_not_match_the_signature_is_rejected()
    {
        var error = Assert.Throws<FormatException>(() => TckProcedure.FromStep(
            "there exists a procedure test.my.proc(in :: INTEGER?) :: (out :: STRING?):", [["in", "wrong"]]));
        Assert.Contains("| in | out |", error.Message);
    }

    [Fact]
    public void A_void_procedure_has_an_empty_table()
    {
        var procedure = TckProcedure.FromStep("there exists a procedure test.doNothing() :: ():", [[]]);
        Assert.True(procedure.IsVoid);
    }
}
