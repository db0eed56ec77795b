using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace NetworkingLessons.Notebooks.Display;

/// <summary>
/// How a value is shown: a scalar (its own text), a structure (its public members as columns), a
/// sequence (one row per item), or a dictionary (one row per key). Reads members safely: a getter
/// that throws gives a note in its place, not an exception.
/// </summary>
internal static class ValueShape
{
    public enum Kind
    {
        Scalar,
        Structure,
        Sequence,
        Dictionary,
    }

    /// <summary>One named member's value, or what reading it threw.</summary>
    public readonly record struct Member(string Name, object? Value, string? Problem);

    public static Kind Of(object? value) => value switch
    {
        null or string or char or bool or decimal or Enum or DateTime or DateTimeOffset or TimeSpan or Guid or DateOnly or TimeOnly or Type => Kind.Scalar,
        _ when value.GetType().IsPrimitive => Kind.Scalar,
        IDictionary => Kind.Dictionary,
        IEnumerable sequence when IsPairSequence(sequence) => Kind.Dictionary,
        IEnumerable => Kind.Sequence,
        _ when IsStructure(value.GetType()) => Kind.Structure,
        _ => Kind.Scalar,
    };

    /// <summary>Records, anonymous objects, tuples, and any type that does not say how to show itself.</summary>
    private static bool IsStructure(Type type)
    {
        if (IsTuple(type) || IsAnonymous(type) || IsRecord(type))
        {
            return true;
        }
        var toString = type.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        return toString is null || toString.DeclaringType == typeof(object) || toString.DeclaringType == typeof(ValueType);
    }

    public static bool IsTuple(Type type) =>
        type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true
        || type.IsGenericType && type.FullName?.StartsWith("System.Tuple`", StringComparison.Ordinal) == true;

    private static bool IsAnonymous(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), false) && type.Name.Contains("AnonymousType", StringComparison.Ordinal);

    // The compiler gives every record a PrintMembers method for its ToString.
    private static bool IsRecord(Type type) =>
        type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(System.Text.StringBuilder)]) is { } print
        && print.IsDefined(typeof(CompilerGeneratedAttribute), false);

    /// <summary>The public members to show as columns, in declaration order, at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<Member> Members(object value, int limit)
    {
        var type = value.GetType();
        var members = new List<Member>();
        if (IsTuple(type) && type.IsValueType)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance).Take(limit))
            {
                members.Add(Read(field.Name, () => field.GetValue(value)));
            }
            return members;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (members.Count == limit)
            {
                break;
            }
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }
            members.Add(Read(property.Name, () => property.GetValue(value)));
        }
        return members;
    }

    private static Member Read(string name, Func<object?> get)
    {
        try
        {
            return new Member(name, get(), null);
        }
        catch (Exception ex)
        {
            var inner = ex is TargetInvocationException { InnerException: { } i } ? i : ex;
            return new Member(name, null, $"{inner.GetType().Name}: {inner.Message}");
        }
    }

    /// <summary>A sequence's first <paramref name="limit"/> items, and how many more there are (null: unknown, or none when exact).</summary>
    public static (List<object?> Items, long? More) Take(IEnumerable sequence, int limit)
    {
        var items = new List<object?>(limit);
        var enumerator = sequence.GetEnumerator();
        try
        {
            while (items.Count < limit && enumerator.MoveNext())
            {
                items.Add(enumerator.Current);
            }
            if (items.Count < limit || !enumerator.MoveNext())
            {
                return (items, 0);
            }
            return (items, sequence is ICollection collection ? collection.Count - limit : null);
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
    }

    /// <summary>A dictionary's first entries as key/value pairs, and how many more there are.</summary>
    public static (List<(object? Key, object? Value)> Entries, long? More) Entries(object dictionary, int limit)
    {
        if (dictionary is IDictionary plain)
        {
            var entries = new List<(object?, object?)>(limit);
            var enumerator = plain.GetEnumerator();
            try
            {
                while (entries.Count < limit && enumerator.MoveNext())
                {
                    entries.Add((enumerator.Key, enumerator.Value));
                }
                var more = entries.Count < limit ? 0 : plain.Count - limit;
                return (entries, more);
            }
            finally
            {
                (enumerator as IDisposable)?.Dispose();
            }
        }
        var (items, rest) = Take((IEnumerable)dictionary, limit);
        return ([.. items.Select(Pair)], rest);
    }

    private static (object? Key, object? Value) Pair(object? item)
    {
        if (item is null)
        {
            return (null, null);
        }
        var type = item.GetType();
        return (type.GetProperty("Key")!.GetValue(item), type.GetProperty("Value")!.GetValue(item));
    }

    // IReadOnlyDictionary<K,V> and other sequences of KeyValuePair<K,V> that are not IDictionary.
    private static bool IsPairSequence(IEnumerable sequence) =>
        sequence.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            && i.GetGenericArguments()[0] is { IsGenericType: true } item && item.GetGenericTypeDefinition() == typeof(KeyValuePair<,>));

    /// <summary>A scalar's own text, or a note when its ToString throws.</summary>
    public static string ScalarText(object? value)
    {
        switch (value)
        {
            case null:
                return "<null>";
            case IFormattable f when value.GetType().IsPrimitive || value is decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum or DateOnly or TimeOnly:
                return f.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
        }
        try
        {
            return value.ToString() ?? "";
        }
        catch (Exception ex)
        {
            return $"<{value.GetType().Name}.ToString() failed: {ex.GetType().Name}: {ex.Message}>";
        }
    }

    /// <summary>The type's name as C# writes it: <c>List&lt;int&gt;</c>, <c>(int, string)</c>.</summary>
    public static string TypeName(Type type)
    {
        if (IsAnonymous(type))
        {
            return "anonymous";
        }
        if (!type.IsGenericType)
        {
            return type.Name;
        }
        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }
}
