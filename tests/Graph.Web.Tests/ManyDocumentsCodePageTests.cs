using System.Text.Json;
using Graph.Core.Generation;
using Graph.Core.Reading;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Graph.Web.Tests;

/// <summary>
/// The Code page reads only what it shows: opening one document of a 200-document corpus reads the documents'
/// document.yaml files for the list, then the registry and that document, never the other documents' stances. The
/// server says what each answer read (<c>read.files</c>, <c>read.milliseconds</c>); the times are printed, not asserted.
/// </summary>
public sealed class ManyDocumentsCodePageTests(ManyDocumentsFixture fixture, ITestOutputHelper output) : IClassFixture<ManyDocumentsFixture>
{
    private const int Timeout = 30_000;

    [Fact]
    public async Task Opening_one_document_reads_the_registry_and_that_document_only()
    {
        var document = SyntheticCorpus.DocumentId(123);
        var folder = Path.Combine(fixture.DataDirectory, GraphDataReader.DocumentsFolder, document);
        var ownFiles = GraphDataReader.YamlFilesOf(folder).Count();
        var registryFiles = GraphDataReader.RegistryFiles.Count(f => File.Exists(Path.Combine(fixture.DataDirectory, GraphDataReader.RegistryFolder, f)));
        Assert.Equal(ManyDocumentsFixture.Documents, GraphDataReader.DocumentIds(fixture.DataDirectory).Count);

        await using var context = await fixture.SignInAsync(CodingFixture.Editor);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        var list = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/coding/documents"), new PageWaitForResponseOptions { Timeout = Timeout });
        var opened = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/coding/documents/" + document), new PageWaitForResponseOptions { Timeout = Timeout });
        await page.GotoAsync($"{fixture.BaseUrl}/code?document={document}");
        await page.WaitForFunctionAsync("() => window.codePage.doc && document.querySelectorAll('#text mark').length > 0", null, new PageWaitForFunctionOptions { Timeout = Timeout });

        using var listed = JsonDocument.Parse(await (await list).TextAsync());
        Assert.Equal(ManyDocumentsFixture.Documents, listed.RootElement.GetProperty("documents").GetArrayLength());
        // One document.yaml per document for the list: no stances, codings or registry.
        Assert.Equal(ManyDocumentsFixture.Documents, listed.RootElement.GetProperty("read").GetProperty("files").GetInt32());
        using var body = JsonDocument.Parse(await (await opened).TextAsync());
        Assert.Equal(document, body.RootElement.GetProperty("id").GetString());
        Assert.Equal(50, body.RootElement.GetProperty("stances").GetArrayLength());
        // The registry's four files and this document's own: nothing of the other 199 documents.
        Assert.Equal(registryFiles + ownFiles, body.RootElement.GetProperty("read").GetProperty("files").GetInt32());
        Assert.Equal(document, await page.InputValueAsync("[data-testid=document]"));
        Assert.Equal(ManyDocumentsFixture.Documents, await page.Locator("[data-testid=document] option").CountAsync());
        Assert.Empty(errors);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, "code-many-documents.png") });
        output.WriteLine($"list: {listed.RootElement.GetProperty("read")}; document {document}: {body.RootElement.GetProperty("read")}");
    }
}
