using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetworkingLessons.TestSupport;

/// <summary>
/// A test case whose name, when it is skipped, ends with the reason: <c>dotnet test</c> prints a
/// skipped test's name but not its reason, and the reason is what says how to install a peer.
/// </summary>
public sealed class SkipReasonInNameTestCase : XunitTestCase
{
    /// <summary>For deserialization only.</summary>
    [Obsolete("For deserialization only.")]
    public SkipReasonInNameTestCase()
    {
    }

    /// <summary>Creates the test case.</summary>
    public SkipReasonInNameTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, object[]? arguments = null)
        : base(sink, display, options, method, arguments)
    {
    }

    /// <inheritdoc />
    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName)
    {
        var name = base.GetDisplayName(factAttribute, displayName);
        return factAttribute.GetNamedArgument<string>("Skip") is { Length: > 0 } reason ? $"{name} (skipped: {reason})" : name;
    }
}

/// <summary>Finds <see cref="PeerFactAttribute"/> tests, naming a skipped one's reason.</summary>
public sealed class PeerFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new SkipReasonInNameTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

/// <summary>Finds <see cref="PeerTheoryAttribute"/> tests, naming a skipped one's reason.</summary>
public sealed class PeerTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    /// <inheritdoc />
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForSkip(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo theoryAttribute, string skipReason) =>
        [new SkipReasonInNameTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}
