using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Notebooks.Tests.Execution;

public sealed class CellReferencesTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new("references-tests");
    private NotebookKernel _kernel = null!;

    public Task InitializeAsync()
    {
        _kernel = new NotebookKernel(new KernelOptions { BaseDirectory = _temp.Path, NotebookName = "test.ipynb", CellTimeout = TimeSpan.FromSeconds(20) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _kernel.DisposeAsync();
        Directory.Delete(_temp.Path, recursive: true);
    }

    private static readonly PortableExecutableReference Engine = MetadataReference.CreateFromFile(typeof(NotebookKernel).Assembly.Location);

    private static HashSet<string> Names(IEnumerable<MetadataReference> references) =>
        [.. references.Select(r => Path.GetFileNameWithoutExtension(r.Display!))];

    [Fact]
    public void EveryNamedAssembly_IsInTheSharedFramework()
    {
        // A misspelt name would drop its assembly from the narrow steps without a word.
        var framework = CellReferences.FrameworkFiles().Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.All(CellReferences.Defaults.Concat(CellReferences.Course), name => Assert.Contains(name, framework));
    }

    [Fact]
    public void Steps_WidenEachTime_AndTheLastIsTheWholeFramework()
    {
        var steps = new CellReferences(Engine).Steps;

        Assert.Equal(3, steps.Length);
        Assert.All(steps, step => Assert.Contains(Engine, step));
        Assert.Equal([.. CellReferences.Defaults, "NetworkingLessons.Notebooks"], Names(steps[0]));
        Assert.Subset(Names(steps[1]), CellReferences.Course.ToHashSet());
        Assert.True(Names(steps[0]).IsProperSubsetOf(Names(steps[1])));
        Assert.True(Names(steps[1]).IsProperSubsetOf(Names(steps[2])));
        Assert.Equal(CellReferences.FrameworkFiles().Count() + 1, steps[2].Length);
    }

    [Fact]
    public void CourseStep_NamesEveryFrameworkAssemblyItsAssembliesReference()
    {
        var framework = CellReferences.FrameworkFiles().Select(Path.GetFileNameWithoutExtension).ToHashSet();
        var step = new CellReferences(Engine).Steps[1];
        var named = Names(step);

        var missing = step.OfType<PortableExecutableReference>()
            .SelectMany(r => ReferencedNames(r.FilePath!))
            .Where(n => framework.Contains(n) && !named.Contains(n));

        Assert.Empty(missing);

        static IEnumerable<string> ReferencedNames(string path)
        {
            using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(path));
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
            return [.. metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))];
        }
    }

    [Fact]
    public void WhatCellsUseOfTheEngine_NamesOnlyCoreLibraryTypes()
    {
        // Covers lets a cell on the first step bind to the engine's own framework assemblies
        // unnamed; that is safe only while no type of theirs reaches a cell through the engine.
        var engine = typeof(NotebookKernel).Assembly;
        var cellFacing = engine.GetExportedTypes()
            .Where(t => t.Namespace == "NetworkingLessons.Notebooks.Display" || t == typeof(NotebookGlobals));
        var foreign = cellFacing
            .SelectMany(t => t.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
                .SelectMany(TypesOf).Concat(t.GetInterfaces()).Append(t.BaseType).Select(u => (Member: $"{t.Name}", Type: u)))
            .Where(m => m.Type is not null)
            .SelectMany(m => Flatten(m.Type!).Select(u => (m.Member, Type: u)))
            .Where(m => m.Type.Assembly != typeof(object).Assembly && m.Type.Assembly != engine)
            .Select(m => $"{m.Member}: {m.Type.FullName} ({m.Type.Assembly.GetName().Name})")
            .Distinct();

        Assert.Empty(foreign);

        static IEnumerable<Type> TypesOf(System.Reflection.MemberInfo member) => member switch
        {
            System.Reflection.MethodInfo m => [m.ReturnType, .. m.GetParameters().Select(p => p.ParameterType)],
            System.Reflection.ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
            System.Reflection.PropertyInfo p => [p.PropertyType],
            System.Reflection.FieldInfo f => [f.FieldType],
            Type nested => [nested],
            _ => [],
        };
        static IEnumerable<Type> Flatten(Type type) =>
            type.HasElementType ? Flatten(type.GetElementType()!)
            : type.IsGenericType && !type.IsGenericTypeDefinition ? [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Flatten)]
            : type.IsGenericParameter ? []
            : [type];
    }

    [Fact]
    public async Task TrivialCell_CompilesAgainstTheNarrowestStep()
    {
        var run = await _kernel.SubmitAsync("var x = 1 + 1; x", 1);

        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Outputs)).Data.Text);
        Assert.Equal(0, _kernel.ReferenceStep);
    }

    [Fact]
    public async Task SocketCell_WidensToTheCourseStep_AndLaterCellsStayThere()
    {
        var sockets = await _kernel.SubmitAsync("var endpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 7);", 1);
        Assert.True(sockets.Succeeded, sockets.ErrorMessage);
        Assert.Equal(1, _kernel.ReferenceStep);

        var later = await _kernel.SubmitAsync("endpoint.Port + 1", 2);

        Assert.Equal("8", Assert.IsType<ExecuteResultOutput>(Assert.Single(later.Outputs)).Data.Text);
        Assert.Equal(1, _kernel.ReferenceStep);
    }

    [Fact]
    public async Task CellOutsideTheCourse_CompilesAgainstTheWholeFramework_AndKeepsIt()
    {
        var data = await _kernel.SubmitAsync("""var table = new System.Data.DataTable("lesson");""", 1);
        Assert.True(data.Succeeded, data.ErrorMessage);
        Assert.Equal(2, _kernel.ReferenceStep);

        var later = await _kernel.SubmitAsync("table.TableName", 2);

        Assert.Equal("lesson", Assert.IsType<ExecuteResultOutput>(Assert.Single(later.Outputs)).Data.Text);
        Assert.Equal(2, _kernel.ReferenceStep);
    }

    [Fact]
    public async Task CellThatCompilesNowhere_ReportsItsError_AndWidensNothing()
    {
        var run = await _kernel.SubmitAsync("var socket = new System.Net.Sockets.NoSuchSocket();", 1);

        Assert.Equal(CellStatus.CompilationError, run.Status);
        Assert.Contains("NoSuchSocket", run.ErrorMessage);
        Assert.Equal(0, _kernel.ReferenceStep);
    }

    [Fact]
    public async Task LoadedLibrarysFrameworkTypes_AreTheSocketCellsTypes()
    {
        // The library needs System.Net.Primitives, which the first step does not name; were it
        // resolved for the library there, the socket cell would widen the notebook and meet a
        // second EndPoint. So the library's cell is compiled at the step that names it.
        var library = Path.Combine(_temp.Path, "where.dll");
        var compilation = CSharpCompilation.Create("where",
            [CSharpSyntaxTree.ParseText("public static class Where { public static System.Net.EndPoint Loopback() => new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0); }")],
            new CellReferences(Engine).Steps[^1],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.True(compilation.Emit(library).Success);

        var first = await _kernel.SubmitAsync($"#r \"{library}\"\nvar where = Where.Loopback();", 1);
        Assert.True(first.Succeeded, first.ErrorMessage);
        Assert.Equal(1, _kernel.ReferenceStep);
        var bound = await _kernel.SubmitAsync("""
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            socket.Bind(where);
            var address = ((System.Net.IPEndPoint)socket.LocalEndPoint!).Address.ToString();
            socket.Dispose();
            address
            """, 2);

        Assert.True(bound.Succeeded, bound.ErrorMessage);
        Assert.Equal("127.0.0.1", Assert.IsType<ExecuteResultOutput>(Assert.Single(bound.Outputs)).Data.Text);
        Assert.Equal(1, _kernel.ReferenceStep);
    }
}
