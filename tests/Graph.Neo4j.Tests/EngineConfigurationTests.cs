using Graph.Engine;
using Graph.Server;
using Microsoft.Extensions.Configuration;

namespace Graph.Neo4j.Tests;

/// <summary>The "Engine" section of graph serve's configuration: the engine's limits, checked at start.</summary>
public class EngineConfigurationTests
{
    private static EngineOptions Bind(params (string Key, string Value)[] settings) =>
        EngineConfiguration.Bind(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Engine:" + s.Key, s.Value)))
            .Build());

    [Fact]
    public void Unset_settings_keep_the_engine_defaults()
    {
        var options = Bind();
        Assert.Equal(EngineOptions.DefaultQueryMemoryLimit, options.QueryMemoryLimit);
        Assert.Equal(EngineOptions.DefaultMaxPlanDepth, options.MaxPlanDepth);
        Assert.Equal(new EngineOptions().MaxVariableLengthDepth, options.MaxVariableLengthDepth);
    }

    [Theory]
    [InlineData("1073741824", 1L << 30)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("512 MB", 512L << 20)]
    [InlineData("2g", 2L << 30)]
    [InlineData("4096KiB", 4L << 20)]
    public void Memory_limits_take_bytes_or_binary_units(string text, long bytes) =>
        Assert.Equal(bytes, Bind(("QueryMemoryLimit", text)).QueryMemoryLimit);

    [Fact]
    public void Unlimited_turns_the_memory_limit_off() => Assert.Null(Bind(("QueryMemoryLimit", "unlimited")).QueryMemoryLimit);

    [Theory]
    [InlineData("QueryMemoryLimit", "lots")]
    [InlineData("QueryMemoryLimit", "12XB")]
    [InlineData("QueryMemoryLimit", "-5")]
    [InlineData("QueryMemoryLimit", "1KiB")]
    [InlineData("QueryMemoryLimit", "99999999999G")]
    [InlineData("MaxPlanDepth", "deep")]
    [InlineData("MaxPlanDepth", "3")]
    [InlineData("MaxVariableLengthDepth", "0")]
    public void A_bad_value_names_its_setting(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Bind((key, value)));
        Assert.Contains("Engine:" + key, error.Message);
        Assert.Contains(value, error.Message);
    }
}
