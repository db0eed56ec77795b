using System.Collections.Frozen;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// Makes the blocking calls in a cell stoppable, using the compiler's view of what each call is:
/// a known blocking call of the .NET library (<c>listener.Accept()</c>, <c>Thread.Sleep(…)</c>,
/// <c>task.Result</c>) becomes the matching <see cref="CellBlocking"/> stand-in; a call that has an
/// overload taking a <see cref="CancellationToken"/> gets the cell's token; an <c>await</c> of a
/// task that would get no token waits for the cell's stop too. Edits are insertions and
/// replacements within lines, so compile errors and stack traces keep the cell's line numbers.
/// </summary>
internal static class BlockingCallRewriter
{
    private const string Helpers = "global::NetworkingLessons.Notebooks.Execution.CellBlocking";
    private const string Token = "global::NetworkingLessons.Notebooks.Execution.CellGuard.Token";

    // Names worth a look: a cell with none of them (and no await) is left alone without binding it.
    private static readonly FrozenSet<string> CandidateNames = new[]
    {
        "Accept", "AcceptSocket", "AcceptTcpClient", "Connect", "Receive", "ReceiveFrom", "Send", "Read", "ReadByte",
        "ReadExactly", "Write", "ReadLine", "ReadToEnd", "Poll", "Select", "Sleep", "Join", "Result", "GetResult",
        "Wait", "WaitAll", "WaitAny", "WaitOne", "SignalAndWait", "Thread",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Static calls with stand-ins, by the type that declares them.
    private static readonly FrozenSet<string> StaticMirrorTypes = new[] { "System.Threading.Thread", "System.Net.Sockets.Socket" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The rewritten code, and which stoppable call sits on each line (for the message when one is stopped).</summary>
    public sealed record Result(string Code, IReadOnlyDictionary<int, string> CallsByLine);

    /// <summary>True when the code may hold a blocking call; cheap, syntax only.</summary>
    public static bool MayBlock(SyntaxNode root)
    {
        foreach (var token in root.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.AwaitKeyword))
            {
                return true;
            }
            if (token.IsKind(SyntaxKind.IdentifierToken)
                && (CandidateNames.Contains(token.ValueText) || token.ValueText.EndsWith("Async", StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Rewrites <paramref name="tree"/>, or returns null when there is nothing to change.</summary>
    public static Result? Rewrite(Compilation compilation, SyntaxTree tree)
    {
        var root = tree.GetRoot();
        if (!MayBlock(root) || compilation.GetTypeByMetadataName("NetworkingLessons.Notebooks.Execution.CellBlocking") is not { } helperType)
        {
            return null;
        }
        var model = compilation.GetSemanticModel(tree);
        var walker = new Walker(model, helperType, compilation);
        walker.Visit(root);
        if (walker.Edits.Count == 0)
        {
            return null;
        }
        var code = Apply(tree.GetText().ToString(), walker.Edits);
        return code is null ? null : new Result(code, walker.CallsByLine);
    }

    /// <summary>One change to the text: an insertion (empty span) or a replacement.</summary>
    /// <param name="Position">Where it starts.</param>
    /// <param name="Length">How much of the old text it replaces.</param>
    /// <param name="Text">The new text.</param>
    /// <param name="Order">Among insertions at one place: closings of inner constructs first, then openings of outer ones.</param>
    private readonly record struct Edit(int Position, int Length, string Text, int Order);

    private static string? Apply(string text, List<Edit> edits)
    {
        var sorted = edits.OrderBy(e => e.Position).ThenBy(e => e.Length > 0 ? 1 : 0).ThenBy(e => e.Order).ToList();
        var result = new StringBuilder(text.Length + edits.Sum(e => e.Text.Length));
        var at = 0;
        foreach (var edit in sorted)
        {
            if (edit.Position < at)
            {
                return null; // overlapping edits: leave the cell as it is rather than guess
            }
            result.Append(text, at, edit.Position - at).Append(edit.Text);
            at = edit.Position + edit.Length;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    private sealed class Walker(SemanticModel model, INamedTypeSymbol helperType, Compilation compilation) : CSharpSyntaxWalker
    {
        private readonly ILookup<string, IMethodSymbol> _helpers = helperType.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.DeclaredAccessibility == Accessibility.Public && m.IsStatic)
            .ToLookup(m => m.Name, StringComparer.Ordinal);

        private readonly INamedTypeSymbol? _cancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        private readonly INamedTypeSymbol? _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        private readonly INamedTypeSymbol? _taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        private readonly INamedTypeSymbol? _valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        private readonly INamedTypeSymbol? _valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        private readonly HashSet<InvocationExpressionSyntax> _givenToken = [];

        public List<Edit> Edits { get; } = [];

        public Dictionary<int, string> CallsByLine { get; } = [];

        public override void VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            base.VisitInvocationExpression(node);
            if (model.GetSymbolInfo(node).Symbol is not IMethodSymbol method)
            {
                return;
            }
            KeepCallerArgumentTexts(node);
            if (TryGetResult(node, method) || TryMirror(node, method))
            {
                return;
            }
            TryPassToken(node, method);
        }

        // Check.Exercise(1).Returns(() => task.Result, …) quotes its lambda through
        // [CallerArgumentExpression]: where this rewriter changed that argument, the compiler would
        // quote the stand-in, so the original text is passed in explicitly.
        private void KeepCallerArgumentTexts(InvocationExpressionSyntax node)
        {
            if (model.GetOperation(node) is not IInvocationOperation invocation)
            {
                return;
            }
            foreach (var quoted in invocation.Arguments)
            {
                if (quoted.ArgumentKind != ArgumentKind.DefaultValue || quoted.Parameter is not { } parameter
                    || parameter.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.CallerArgumentExpressionAttribute")
                        is not { ConstructorArguments: [{ Value: string sourceName }] }
                    || invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == sourceName)?.Syntax is not ArgumentSyntax source
                    || !Edits.Any(e => e.Position >= source.Expression.SpanStart && e.Position + e.Length <= source.Expression.Span.End))
                {
                    continue;
                }
                var text = SymbolDisplay.FormatLiteral(source.Expression.ToString(), quote: true);
                Insert(node.ArgumentList.CloseParenToken.SpanStart, $", {parameter.Name}: {text}", opening: false, node);
            }
        }

        // new Thread(work): the thread ends quietly when its cell is stopped, instead of ending the process.
        public override void VisitObjectCreationExpression(ObjectCreationExpressionSyntax node)
        {
            base.VisitObjectCreationExpression(node);
            if (node.ArgumentList is not { Arguments.Count: > 0 } arguments
                || model.GetSymbolInfo(node).Symbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                || constructor.ContainingType.ToDisplayString() != "System.Threading.Thread")
            {
                return;
            }
            var start = arguments.Arguments[0].Expression;
            Insert(start.SpanStart, $"{Helpers}.Guard(", opening: true, start);
            Insert(start.Span.End, ")", opening: false, start);
        }

        public override void VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
        {
            base.VisitMemberAccessExpression(node);
            // task.Result, where task is a Task<T> or ValueTask<T>; not the left side of an assignment.
            if (node.Name.Identifier.ValueText != "Result" || node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node
                || model.GetSymbolInfo(node).Symbol is not IPropertySymbol property || !IsTaskLike(property.ContainingType, out var isValueTask))
            {
                return;
            }
            var helper = isValueTask ? "GetResult" : "Result";
            Wrap(node.Expression, node, $"{Helpers}.{helper}(", ")", node.Expression.Span.End, node.Span.End);
            Note(node, "Task.Result");
        }

        public override void VisitAwaitExpression(AwaitExpressionSyntax node)
        {
            base.VisitAwaitExpression(node);
            var operand = Unparenthesized(node.Expression);
            // await t.ConfigureAwait(false): wrap t.
            if (operand is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure })
            {
                operand = configure.Expression;
            }
            if (operand is InvocationExpressionSyntax invocation && _givenToken.Contains(invocation))
            {
                return; // it has the cell's token already
            }
            if (model.GetTypeInfo(operand).Type is not INamedTypeSymbol type || !IsTaskLike(type, out _) && !IsPlainTask(type))
            {
                return;
            }
            Insert(operand.SpanStart, $"{Helpers}.Cancellable(", opening: true, operand);
            Insert(operand.Span.End, ")", opening: false, operand);
            Note(node, "await");
        }

        // x.GetAwaiter().GetResult() on a task: one stand-in for the pair.
        private bool TryGetResult(InvocationExpressionSyntax node, IMethodSymbol method)
        {
            if (method.Name != "GetResult" || node.ArgumentList.Arguments.Count != 0
                || node.Expression is not MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter } }
                || model.GetTypeInfo(getAwaiter.Expression).Type is not INamedTypeSymbol type
                || !IsTaskLike(type, out _) && !IsPlainTask(type) && !SymbolEqualityComparer.Default.Equals(type, _valueTask))
            {
                return false;
            }
            Wrap(getAwaiter.Expression, node, $"{Helpers}.GetResult(", ")", getAwaiter.Expression.Span.End, node.Span.End);
            Note(node, "GetAwaiter().GetResult()");
            return true;
        }

        // recv.M(args) → CellBlocking.M(recv, args); Thread.Sleep(n) → CellBlocking.Sleep(n).
        private bool TryMirror(InvocationExpressionSyntax node, IMethodSymbol method)
        {
            if (!CandidateNames.Contains(method.Name) || method.IsGenericMethod)
            {
                return false;
            }
            var root = method;
            while (root.OverriddenMethod is { } overridden)
            {
                root = overridden;
            }
            var declaring = root.ContainingType.ToDisplayString();
            if (method.IsStatic)
            {
                if (!StaticMirrorTypes.Contains(declaring) || !_helpers[method.Name].Any(h => SameParameters(h.Parameters, root.Parameters)))
                {
                    return false;
                }
                Replace(node.Expression.SpanStart, node.Expression.Span.Length, $"{Helpers}.{method.Name}");
                Note(node, $"{root.ContainingType.Name}.{method.Name}");
                return true;
            }
            if (node.Expression is not MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access
                || !_helpers[method.Name].Any(h => h.Parameters.Length == root.Parameters.Length + 1
                    && SymbolEqualityComparer.Default.Equals(h.Parameters[0].Type, root.ContainingType)
                    && SameParameters(h.Parameters.RemoveAt(0), root.Parameters)))
            {
                return false;
            }
            var hasArguments = node.ArgumentList.Arguments.Count > 0;
            Wrap(access.Expression, node, $"{Helpers}.{method.Name}(", hasArguments ? ", " : "",
                access.Expression.Span.End, node.ArgumentList.OpenParenToken.Span.End);
            Note(node, $"{root.ContainingType.Name}.{method.Name}");
            return true;
        }

        // A call that could take the cell's token: the method's own optional token, or an overload with one more parameter.
        private void TryPassToken(InvocationExpressionSyntax node, IMethodSymbol method)
        {
            if (_cancellationToken is null || model.GetOperation(node) is not IInvocationOperation operation)
            {
                return;
            }
            if (operation.Arguments.Any(a => a.ArgumentKind == ArgumentKind.Explicit && IsToken(a.Parameter?.Type)) || operation.Arguments.Any(a => a.ArgumentKind == ArgumentKind.ParamArray))
            {
                return;
            }
            var defaulted = operation.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.DefaultValue && IsToken(a.Parameter?.Type));
            string? parameterName = defaulted?.Parameter?.Name;
            if (parameterName is null)
            {
                if (!method.Name.EndsWith("Async", StringComparison.Ordinal) && !method.Name.StartsWith("Wait", StringComparison.Ordinal))
                {
                    return;
                }
                var argument = SyntaxFactory.Argument(SyntaxFactory.ParseExpression(Token));
                var candidate = node.WithArgumentList(node.ArgumentList.AddArguments(argument));
                if (model.GetSpeculativeSymbolInfo(node.SpanStart, candidate, SpeculativeBindingOption.BindAsExpression).Symbol is not IMethodSymbol overload
                    || overload.Parameters.Length == 0 || !IsToken(overload.Parameters[^1].Type)
                    || !Compatible(node, method.ReturnType, overload.ReturnType))
                {
                    return;
                }
                parameterName = overload.Parameters[^1].Name;
            }
            var close = node.ArgumentList.CloseParenToken;
            if (close.IsMissing)
            {
                return;
            }
            var separator = node.ArgumentList.Arguments.Count > 0 ? ", " : "";
            Insert(close.SpanStart, $"{separator}{parameterName}: {Token}", opening: false, node);
            _givenToken.Add(node);
            Note(node, $"{method.ContainingType.Name}.{method.Name}");
        }

        // The overload's result must be usable where the original's was: the same type, or the same result when awaited.
        private bool Compatible(InvocationExpressionSyntax node, ITypeSymbol original, ITypeSymbol overload)
        {
            if (SymbolEqualityComparer.Default.Equals(original, overload))
            {
                return true;
            }
            SyntaxNode outer = node;
            while (outer.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                outer = parenthesized;
            }
            return outer.Parent is AwaitExpressionSyntax
                && AwaitedResult(original) is var (a, aVoid) && AwaitedResult(overload) is var (b, bVoid)
                && aVoid == bVoid && (aVoid || SymbolEqualityComparer.Default.Equals(a, b));
        }

        private (ITypeSymbol? Result, bool IsVoid)? AwaitedResult(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return null;
            }
            if (IsPlainTask(named) || SymbolEqualityComparer.Default.Equals(named, _valueTask))
            {
                return (null, true);
            }
            return IsTaskLike(named, out _) ? (named.TypeArguments[0], false) : null;
        }

        private bool IsToken(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, _cancellationToken);

        private bool IsPlainTask(INamedTypeSymbol type) =>
            SymbolEqualityComparer.Default.Equals(type, _task) || SymbolEqualityComparer.Default.Equals(type, _valueTask);

        // Task<T> or ValueTask<T>.
        private bool IsTaskLike(INamedTypeSymbol type, out bool isValueTask)
        {
            var definition = type.OriginalDefinition;
            isValueTask = SymbolEqualityComparer.Default.Equals(definition, _valueTaskOfT);
            return isValueTask || SymbolEqualityComparer.Default.Equals(definition, _taskOfT);
        }

        private static bool SameParameters(IEnumerable<IParameterSymbol> a, IEnumerable<IParameterSymbol> b) =>
            a.Count() == b.Count() && a.Zip(b).All(p => p.First.RefKind == p.Second.RefKind && SymbolEqualityComparer.Default.Equals(p.First.Type, p.Second.Type));

        private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }
            return expression;
        }

        // Opens a stand-in call before `inner` and closes it by replacing [replaceFrom, replaceTo) in `owner`.
        private void Wrap(ExpressionSyntax inner, SyntaxNode owner, string open, string replacement, int replaceFrom, int replaceTo)
        {
            Insert(inner.SpanStart, open, opening: true, owner);
            Replace(replaceFrom, replaceTo - replaceFrom, replacement);
        }

        private void Insert(int position, string text, bool opening, SyntaxNode owner) =>
            Edits.Add(new Edit(position, 0, text, opening ? -owner.Span.Length : owner.Span.Length - int.MaxValue / 2));

        private void Replace(int position, int length, string text) => Edits.Add(new Edit(position, length, text, 0));

        private void Note(SyntaxNode node, string call)
        {
            var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            CallsByLine.TryAdd(line, call);
        }
    }
}
