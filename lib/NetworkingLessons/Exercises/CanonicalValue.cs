using System.Collections;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace NetworkingLessons.Exercises;

/// <summary>
/// A value written so that another process can compare it without the value's code: its runtime
/// type and its content, as JSON (<c>{"type": …, "value": …}</c>). Numbers are written in full
/// (invariant culture, doubles round-trip), sequences and tuples item by item, the course's
/// records property by property. A type a notebook declares is written as such, with no content:
/// whatever its <c>Equals</c> or <c>ToString</c> would say, it cannot stand in for another type.
/// </summary>
internal static class CanonicalValue
{
    /// <summary>The most items of a sequence written; a longer one is written as too long.</summary>
    public const int MaxItems = 100_000;

    private const int MaxDepth = 8;

    public static JsonObject Of(object? value) => Of(value, 0);

    /// <summary>What a call that returns nothing (an <see cref="Action"/>) is written as.</summary>
    public static JsonObject Nothing() => Node("void", null);

    private static JsonObject Of(object? value, int depth)
    {
        if (value is null)
        {
            return Node("null", null);
        }
        var type = value.GetType();
        // A collection expression's list (<>z__ReadOnlyArray…) is the compiler's, made in the
        // cell's assembly: it is written by its items, as any sequence is.
        if (FromNotebook(type) && !(type.Name.StartsWith('<') && value is IEnumerable or ITuple))
        {
            return Node(CheckProtocol.NotebookTypePrefix + type.Name, null);
        }
        if (depth > MaxDepth)
        {
            return Node("too deep", null);
        }
        return value switch
        {
            bool b => Node(type, b),
            string s => Node(type, s),
            char c => Node(type, c.ToString()),
            Enum e => Node(type, e.ToString()),
            sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128 or decimal =>
                Node(type, ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)),
            float f => Node(type, f.ToString("R", CultureInfo.InvariantCulture)),
            double d => Node(type, d.ToString("R", CultureInfo.InvariantCulture)),
            // The framework's read-only loopback and any addresses are IPAddress subclasses of its own.
            IPAddress => Node(typeof(IPAddress), value.ToString()),
            EndPoint => Node(type, value.ToString()),
            ITuple tuple => Node("tuple", Items(Enumerable.Range(0, tuple.Length).Select(i => tuple[i]), depth)),
            IEnumerable items => Node("sequence", Items(items.Cast<object?>(), depth)),
            IFormattable formattable when IsFramework(type) => Node(type, formattable.ToString(null, CultureInfo.InvariantCulture)),
            _ when IsFramework(type) => Node(type, value.ToString()),
            _ => Node(type, Properties(value, depth)),
        };
    }

    private static JsonObject Node(Type type, JsonNode? value) => Node(type.FullName ?? type.Name, value);

    private static JsonObject Node(string type, JsonNode? value) => new() { ["type"] = type, ["value"] = value };

    private static JsonNode Items(IEnumerable<object?> items, int depth)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            if (array.Count == MaxItems)
            {
                return "too long";
            }
            array.Add(Of(item, depth + 1));
        }
        return array;
    }

    // A record or class of the course's library: its public properties, in declaration order.
    private static JsonObject Properties(object value, int depth)
    {
        var properties = new JsonObject();
        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            object? content;
            try
            {
                content = property.GetValue(value);
            }
            catch (System.Reflection.TargetInvocationException ex)
            {
                content = $"(threw {ex.InnerException?.GetType().Name})";
            }
            properties[property.Name] = Of(content, depth + 1);
        }
        return properties;
    }

    private static bool IsFramework(Type type) =>
        type.Assembly == typeof(object).Assembly
        || Path.GetDirectoryName(type.Assembly.Location) == Path.GetDirectoryName(typeof(object).Assembly.Location);

    // Cells compile to assemblies in memory, which have no file: a type from one came from a cell.
    private static bool FromNotebook(Type type) =>
        type.HasElementType ? FromNotebook(type.GetElementType()!)
        : type.Assembly.IsDynamic || type.Assembly.Location.Length == 0
        || (type.IsGenericType && type.GetGenericArguments().Any(FromNotebook));
}
