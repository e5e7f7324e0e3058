using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Graph.Bolt.Client;
using Graph.Bolt.Server;
using Graph.Client;

namespace Graph.Bolt.Tests.Client;

/// <summary>Logins and roles as graph serve's users give them, and TLS (bolt+s / bolt+ssc).</summary>
public class SecurityTests(AuthBoltHarness server) : IClassFixture<AuthBoltHarness>
{
    [Fact]
    public async Task Wrong_or_missing_credentials_are_unauthorized()
    {
        foreach (var (user, password) in new (string?, string?)[] { ("alice", "wrong"), ("nobody", "s3cret"), (null, null) })
        {
            await using var driver = server.Client(user: user, password: password);
            var e = await Assert.ThrowsAsync<AuthenticationException>(() => driver.VerifyConnectivityAsync());
            Assert.Equal(Neo4jStatus.Unauthorized, e.Code);
        }
    }

    [Fact]
    public async Task Editors_write_and_readers_get_neo4js_forbidden()
    {
        await using (var editor = server.Client(user: "alice", password: "s3cret"))
        await using (var session = editor.AsyncSession())
            Assert.Equal(1, (await session.RunAsync("CREATE (:SecNode)")).Counters.NodesCreated);

        await using var reader = server.Client(user: "rita", password: "reader-pass");
        await using var readerSession = reader.AsyncSession(); // a write session: the server still runs it as READ
        Assert.Equal(1L, (await readerSession.RunAsync("MATCH (n:SecNode) RETURN count(n) AS c")).Single()["c"]);
        var e = await Assert.ThrowsAsync<ClientException>(() => readerSession.RunAsync("CREATE (:SecNode)"));
        Assert.Equal(Neo4jStatus.Forbidden, e.Code);
        Assert.Contains("rita", e.Message);
        await using var tx = await readerSession.BeginTransactionAsync();
        Assert.Equal(Neo4jStatus.Forbidden, (await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("MATCH (n:SecNode) DELETE n"))).Code);

        // An editor in a read session is told about the access mode, as Neo4j does.
        await using var editorDriver = server.Client(user: "alice", password: "s3cret");
        await using var readSession = editorDriver.AsyncSession(SessionConfig.Read);
        Assert.Equal(Neo4jStatus.AccessMode, (await Assert.ThrowsAsync<ClientException>(() => readSession.RunAsync("CREATE (:SecNode)"))).Code);
    }

    [Fact]
    public async Task Tls_with_a_self_signed_certificate_works_for_ssc_and_is_refused_for_s()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        await using var store = Graph.Engine.EmbeddedDriver.InMemory();
        await using var tls = new BoltServer(new BoltBackend(store, OpenAuthenticator.Instance, ["neo4j"], TimeSpan.FromSeconds(30), null, server.Errors),
            new BoltServerOptions { Port = 0, Certificate = certificate });
        tls.Start();
        Assert.StartsWith("bolt+s://", tls.Uri);

        foreach (var scheme in new[] { "bolt+ssc", "neo4j+ssc" })
        {
            await using var driver = new BoltDriver(new BoltDriverOptions { Uri = new Uri($"{scheme}://localhost:{tls.Endpoint!.Port}") });
            await using var session = driver.AsyncSession();
            Assert.Equal(42L, (await session.RunAsync("RETURN 42 AS x")).Single()["x"]);
        }
        await using var verified = new BoltDriver(new BoltDriverOptions { Uri = new Uri($"bolt+s://localhost:{tls.Endpoint!.Port}"), MaxRetries = 0 });
        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => verified.VerifyConnectivityAsync());
        Assert.Contains("localhost", e.Message);
        // A plain client on a TLS port gets nowhere, and says so.
        await using var plain = new BoltDriver(new BoltDriverOptions { Uri = new Uri($"bolt://localhost:{tls.Endpoint!.Port}"), ConnectionTimeout = TimeSpan.FromSeconds(3), MaxRetries = 0 });
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => plain.VerifyConnectivityAsync());
    }
}
