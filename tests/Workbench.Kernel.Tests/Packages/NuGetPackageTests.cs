using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Packages;
using Workbench.Kernel.Tests.Support;
using Workbench.Testing;

namespace Workbench.Kernel.Tests.Packages;

/// <summary>#r "nuget: ..." and #i against a real package packed from tests/fixtures, restored with dotnet restore.</summary>
public sealed class NuGetPackageTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-nuget");

    public void Dispose() => _folder.Dispose();

    private string Feed => _folder.File("feed");

    private string Home => _folder.File("home");

    [Fact]
    public async Task A_package_from_a_folder_source_is_referenced_and_its_extension_formatters_take_effect()
    {
        await FixturePackages.PackGreetingAsync(Feed, "first build");
        using var engine = new ExecutionEngine(new EngineOptions { BaseDirectory = _folder.Path, WorkbenchHome = Home });

        var (install, sink) = await Cells.RunAsync(engine, "#i \"nuget: ./feed\"\n#r \"nuget: Workbench.Fixtures.Greeting, 1.0.0\"");
        install.Status.Should().Be(CellStatus.Ok, string.Join("\n", sink.Errors.Select(e => e.ToString())));
        sink.Displays.Single().Plain().Should().Be("Installed packages: Workbench.Fixtures.Greeting 1.0.0; loaded extension Workbench.Fixtures.Greeting (1 formatters)");

        var (_, first) = await Cells.RunAsync(engine, "new Workbench.Fixtures.Greeting.Greeting(\"Ada\")");
        first.Results.Single().Data["text/html"].Should().Be("<p class=\"greeting\">Hello, Ada! (#1, first build)</p>");
        var (_, second) = await Cells.RunAsync(engine, "new Workbench.Fixtures.Greeting.Greeting(\"Grace\")");
        second.Results.Single().Data["text/html"].Should().Contain("(#2, first build)");

        // A new engine is a new session: CreateTypeFormatters runs again, so formatter state starts over.
        using var other = new ExecutionEngine(new EngineOptions { BaseDirectory = _folder.Path, WorkbenchHome = Home });
        await Cells.RunAsync(other, "#i \"nuget: ./feed\"\n#r \"nuget: Workbench.Fixtures.Greeting, 1.0.0\"");
        (await Cells.RunAsync(other, "new Workbench.Fixtures.Greeting.Greeting(\"Ada\")")).Sink.Results.Single().Data["text/html"].Should().Contain("(#1,");

        // extension.dib is for legacy .NET Interactive and is never run.
        sink.Stdout.Should().NotContain("extension.dib was executed");
    }

    [Fact]
    public async Task A_second_restore_of_the_same_set_comes_from_the_cache()
    {
        await FixturePackages.PackGreetingAsync(Feed, "cached");
        var restorer = new NuGetRestorer(Home);
        PackageSpec[] set = [new(FixturePackages.GreetingId, "1.0.0")];

        var first = await restorer.RestoreAsync(set, [Feed]);
        var assets = Path.Combine(first.ProjectDirectory, "obj", "project.assets.json");
        var written = File.GetLastWriteTimeUtc(assets);
        var second = await restorer.RestoreAsync(set, [Feed]);

        first.FromCache.Should().BeFalse();
        second.FromCache.Should().BeTrue();
        File.GetLastWriteTimeUtc(assets).Should().Be(written, "dotnet restore must not run again");
        second.Packages.Should().BeEquivalentTo(first.Packages);
        var package = second.Packages.Single();
        package.RuntimeAssemblies.Should().ContainSingle().Which.Should().EndWith("lib/net10.0/Workbench.Fixtures.Greeting.dll");
        package.ExtensionAssemblies.Should().ContainSingle().Which.Should().EndWith("interactive-extensions/dotnet/Workbench.Fixtures.Greeting.dll");
        package.Directory.Should().StartWith(restorer.PackagesDirectory);
    }

    [Fact]
    public async Task A_repacked_local_package_with_the_same_version_replaces_the_stale_cached_copy()
    {
        var restorer = new NuGetRestorer(Home);
        PackageSpec[] set = [new(FixturePackages.GreetingId, "1.0.0")];
        await FixturePackages.PackGreetingAsync(Feed, "old build");
        var before = await restorer.RestoreAsync(set, [Feed]);
        GreetingOf(before.Packages.Single().RuntimeAssemblies.Single()).Should().Be("old build");

        await FixturePackages.PackGreetingAsync(Feed, "new build");
        var after = await restorer.RestoreAsync(set, [Feed]);

        after.FromCache.Should().BeFalse("the cached copy is stale");
        GreetingOf(after.Packages.Single().RuntimeAssemblies.Single()).Should().Be("new build");
        (await restorer.RestoreAsync(set, [Feed])).FromCache.Should().BeTrue("once refreshed, the copy is current");
    }

    [Fact]
    public async Task Without_a_version_the_latest_stable_release_is_chosen_and_star_dash_star_allows_prereleases()
    {
        await FixturePackages.PackGreetingAsync(Feed, "stable", "1.0.0");
        await FixturePackages.PackGreetingAsync(Feed, "preview", "2.0.0-beta.1");
        var restorer = new NuGetRestorer(Home);

        (await restorer.RestoreAsync([new(FixturePackages.GreetingId, null)], [Feed])).Packages.Single().Version.Should().Be("1.0.0");
        (await restorer.RestoreAsync([new(FixturePackages.GreetingId, "*-*")], [Feed])).Packages.Single().Version.Should().Be("2.0.0-beta.1");
    }

    [Fact]
    public async Task A_missing_package_is_an_error_naming_package_version_and_sources()
    {
        Directory.CreateDirectory(Feed);
        using var engine = new ExecutionEngine(new EngineOptions { BaseDirectory = _folder.Path, WorkbenchHome = Home });

        var (result, sink) = await Cells.RunAsync(engine, "#i \"nuget: ./feed\"\n#r \"nuget: Workbench.Fixtures.DoesNotExist, 9.9.9\"", new CellOptions { Label = "cell 2" });

        result.Status.Should().Be(CellStatus.Error);
        var error = sink.Errors.Single();
        error.Name.Should().Be("PackageRestoreError");
        error.Value.Should().StartWith("cell 2, line 2: Could not restore NuGet package 'Workbench.Fixtures.DoesNotExist' version 9.9.9 from sources:")
            .And.Contain(Feed)
            .And.Contain("NU1101");
    }

    [Fact]
    public async Task A_different_version_of_a_loaded_package_asks_for_a_restart()
    {
        await FixturePackages.PackGreetingAsync(Feed, "v1");
        using var engine = new ExecutionEngine(new EngineOptions { BaseDirectory = _folder.Path, WorkbenchHome = Home });
        await Cells.RunAsync(engine, "#i \"nuget: ./feed\"\n#r \"nuget: Workbench.Fixtures.Greeting, 1.0.0\"");

        var (_, sink) = await Cells.RunAsync(engine, "#r \"nuget: Workbench.Fixtures.Greeting, 2.0.0\"");

        sink.Errors.Single().Value.Should().Contain("Workbench.Fixtures.Greeting 1.0.0 is already loaded").And.Contain("restart the kernel to use 2.0.0");
    }

    [Fact]
    public async Task Native_assets_load_sqlite_from_its_package()
    {
        using var engine = new ExecutionEngine(new EngineOptions { BaseDirectory = _folder.Path, WorkbenchHome = FixturePackages.SharedWorkbenchHome });

        var (result, sink) = await Cells.RunAsync(engine, """
            #r "nuget: Microsoft.Data.Sqlite.Core, 6.0.7"
            #r "nuget: SQLitePCLRaw.bundle_e_sqlite3, 2.0.6"
            SQLitePCL.Batteries_V2.Init();
            var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
            connection.Open();
            var command = connection.CreateCommand();
            command.CommandText = "select sqlite_version()";
            (string)command.ExecuteScalar()
            """);

        result.Status.Should().Be(CellStatus.Ok, string.Join("\n", sink.Errors.Select(e => e.ToString())));
        sink.Results.Single().Plain().Should().MatchRegex(@"^3\.\d+\.\d+$");
    }

    private static string GreetingOf(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var value = attribute.DecodeValue(new StringOnlyDecoder());
            if (value.FixedArguments is [{ Value: "Greeting" }, { Value: string greeting }])
            {
                return greeting;
            }
        }

        throw new InvalidOperationException("no Greeting metadata");
    }

    private sealed class StringOnlyDecoder : ICustomAttributeTypeProvider<Type>
    {
        public Type GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode == PrimitiveTypeCode.String ? typeof(string) : typeof(object);

        public Type GetSystemType() => typeof(Type);

        public Type GetSZArrayType(Type elementType) => elementType.MakeArrayType();

        public Type GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => typeof(object);

        public Type GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => typeof(object);

        public Type GetTypeFromSerializedName(string name) => typeof(object);

        public PrimitiveTypeCode GetUnderlyingEnumType(Type type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(Type type) => type == typeof(Type);
    }
}
