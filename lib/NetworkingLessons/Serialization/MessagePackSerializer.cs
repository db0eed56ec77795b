using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Expr = System.Linq.Expressions.Expression;

namespace NetworkingLessons.Serialization;

/// <summary>
/// Objects to MessagePack and back: null, booleans, every integer type, float and double,
/// strings, byte arrays, enums (as their numbers), DateTime and DateTimeOffset (as the timestamp
/// extension), arrays and lists, dictionaries, and plain records and classes, written as a map
/// from property name to value. Reading skips keys the type does not have and leaves missing ones
/// at their defaults, so that a sender and a receiver one version apart still understand each
/// other. Untrusted input is safe: see <see cref="MessagePackReader"/>; nesting is limited to
/// <see cref="MessagePackReader.DefaultMaxDepth"/> levels each way, and trailing bytes are refused.
/// </summary>
public static class MessagePackSerializer
{
    private static readonly ConcurrentDictionary<Type, ObjectShape> Shapes = new();
    private static readonly ConcurrentDictionary<Type, Func<int, IList>> ListFactories = new();
    private static readonly ConcurrentDictionary<Type, TypeFacts> Facts = new();

    // What Read needs to know of a type, looked up once.
    private sealed class TypeFacts(Type type)
    {
        public Type? NullableOf { get; } = Nullable.GetUnderlyingType(type);

        public bool IsValueType { get; } = type.IsValueType;

        public bool IsEnum { get; } = type.IsEnum;

        public (Type Key, Type Value)? Dictionary { get; } = DictionaryTypes(type);

        public Type? ListElement { get; } = ListElement(type);
    }

    private static Func<int, IList> MakeListFactory(Type element)
    {
        var capacity = Expr.Parameter(typeof(int), "capacity");
        var listType = typeof(List<>).MakeGenericType(element);
        return Expr.Lambda<Func<int, IList>>(
            Expr.Convert(Expr.New(listType.GetConstructor([typeof(int)])!, capacity), typeof(IList)), capacity).Compile();
    }

    /// <summary>The MessagePack bytes of <paramref name="value"/>.</summary>
    /// <exception cref="NotSupportedException">A type the serializer does not know how to write.</exception>
    /// <exception cref="InvalidOperationException">Nesting deeper than the limit (a cycle, usually).</exception>
    public static byte[] Serialize<T>(T value)
    {
        var output = new ArrayBufferWriter<byte>(256);
        Serialize(output, value);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="value"/> into <paramref name="output"/>.</summary>
    public static void Serialize<T>(IBufferWriter<byte> output, T value)
    {
        Write(new MessagePackWriter(output), value, typeof(T), 0); // the writer refuses a null output
    }

    /// <summary>Reads one value of type <typeparamref name="T"/> that fills <paramref name="data"/> exactly.</summary>
    /// <exception cref="MessagePackFormatException">The bytes are malformed, hold another type, nest too deep, or go on after the value.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> data)
    {
        var reader = new MessagePackReader(data);
        var value = Read(ref reader, typeof(T), 0);
        if (!reader.End)
        {
            throw new MessagePackFormatException($"{reader.Remaining:N0} bytes follow the value", reader.Position);
        }
        return (T)value!;
    }

    /// <summary>
    /// Reads one value without a type: null, bool, long (or ulong above long's range), double,
    /// string, byte[], <see cref="MessagePackTimestamp"/> for timestamps, <see cref="MessagePackExtension"/>
    /// for other extensions, List&lt;object?&gt; and Dictionary&lt;object, object?&gt;.
    /// </summary>
    public static object? Deserialize(ReadOnlySpan<byte> data) => Deserialize<object?>(data);

    private static void Write(MessagePackWriter writer, object? value, Type declared, int depth)
    {
        if (depth > MessagePackReader.DefaultMaxDepth)
        {
            throw new InvalidOperationException($"Nesting deeper than {MessagePackReader.DefaultMaxDepth} levels: does the object refer back to itself?");
        }
        switch (value)
        {
            case null:
                writer.WriteNil();
                return;
            case bool b:
                writer.WriteBoolean(b);
                return;
            case string s:
                writer.WriteString(s);
                return;
            case byte[] bytes:
                writer.WriteBinary(bytes);
                return;
            case int i:
                writer.WriteInt64(i);
                return;
            case long l:
                writer.WriteInt64(l);
                return;
            case sbyte or short:
                writer.WriteInt64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case byte or ushort or uint or ulong:
                writer.WriteUInt64(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case IReadOnlyList<int> ints: // numbers in bulk, without boxing each
                writer.WriteArrayHeader(ints.Count);
                for (var i = 0; i < ints.Count; i++)
                {
                    writer.WriteInt64(ints[i]);
                }
                return;
            case IReadOnlyList<double> doubles:
                writer.WriteArrayHeader(doubles.Count);
                for (var i = 0; i < doubles.Count; i++)
                {
                    Write(writer, doubles[i], typeof(double), depth + 1);
                }
                return;
            case float f:
                writer.WriteSingle(f);
                return;
            case double d when (double)(float)d == d || double.IsNaN(d):
                writer.WriteSingle((float)d); // the smallest form that holds it exactly
                return;
            case double d:
                writer.WriteDouble(d);
                return;
            case Enum e:
                writer.WriteInt64(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case DateTimeOffset when_:
                writer.WriteTimestamp(when_);
                return;
            case DateTime dt:
                writer.WriteTimestamp(dt.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(dt, TimeSpan.Zero) : new DateTimeOffset(dt.ToUniversalTime()));
                return;
            case MessagePackTimestamp stamp:
                writer.WriteTimestamp(stamp.Seconds, stamp.Nanoseconds);
                return;
            case MessagePackExtension ext:
                writer.WriteExtension(ext.Type, ext.Data.Span);
                return;
            case IDictionary dictionary:
                writer.WriteMapHeader(dictionary.Count);
                foreach (DictionaryEntry entry in dictionary)
                {
                    Write(writer, entry.Key, typeof(object), depth + 1);
                    Write(writer, entry.Value, typeof(object), depth + 1);
                }
                return;
            case ICollection collection:
                writer.WriteArrayHeader(collection.Count);
                foreach (var item in collection)
                {
                    Write(writer, item, typeof(object), depth + 1);
                }
                return;
            case IEnumerable sequence:
                var items = sequence.Cast<object?>().ToList();
                writer.WriteArrayHeader(items.Count);
                foreach (var item in items)
                {
                    Write(writer, item, typeof(object), depth + 1);
                }
                return;
        }
        var shape = Shape(value.GetType());
        writer.WriteMapHeader(shape.Properties.Length);
        for (var i = 0; i < shape.Properties.Length; i++)
        {
            writer.WriteRaw(shape.EncodedNames[i]);
            Write(writer, shape.Getters[i](value), shape.Properties[i].PropertyType, depth + 1);
        }
    }

    private static object? Read(ref MessagePackReader reader, Type type, int depth)
    {
        var at = reader.Position;
        if (depth > MessagePackReader.DefaultMaxDepth)
        {
            throw new MessagePackFormatException($"Arrays and maps nest deeper than {MessagePackReader.DefaultMaxDepth} levels", at);
        }
        // The commonest field types first, with nothing looked up.
        if (type == typeof(string))
        {
            return reader.ReadString();
        }
        if (type == typeof(DateTimeOffset))
        {
            return reader.ReadTimestamp();
        }
        var facts = Facts.GetOrAdd(type, static t => new TypeFacts(t));
        if (facts.NullableOf is { } inner)
        {
            return reader.TryReadNil() ? null : Read(ref reader, inner, depth);
        }
        if (type == typeof(object))
        {
            return ReadAny(ref reader, depth);
        }
        if (!facts.IsValueType && reader.TryReadNil())
        {
            return null;
        }
        try
        {
            if (type == typeof(bool))
            {
                return reader.ReadBoolean();
            }
            if (type == typeof(byte[]))
            {
                return reader.ReadBinary();
            }
            if (facts.IsEnum)
            {
                return Enum.ToObject(type, reader.ReadInt64());
            }
            if (type == typeof(double))
            {
                return reader.ReadDouble();
            }
            if (type == typeof(float))
            {
                return (float)reader.ReadDouble();
            }
            if (type == typeof(ulong))
            {
                return reader.ReadUInt64();
            }
            if (type == typeof(int))
            {
                return checked((int)reader.ReadInt64());
            }
            if (type == typeof(long))
            {
                return reader.ReadInt64();
            }
            if (type.IsPrimitive && type != typeof(char) && type != typeof(nint) && type != typeof(nuint))
            {
                return Convert.ChangeType(reader.ReadInt64(), type, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (OverflowException)
        {
            throw new MessagePackFormatException($"The number does not fit a {type.Name}", at);
        }
        if (type == typeof(DateTime))
        {
            return reader.ReadTimestamp().UtcDateTime;
        }
        if (type == typeof(MessagePackTimestamp))
        {
            var (seconds, nanoseconds) = reader.ReadTimestampParts();
            return new MessagePackTimestamp(seconds, nanoseconds);
        }
        if (type == typeof(MessagePackExtension))
        {
            var (extType, data) = reader.ReadExtension();
            return new MessagePackExtension(extType, data);
        }
        if (type.IsArray && type.GetArrayRank() == 1)
        {
            var element = type.GetElementType()!;
            var count = reader.ReadArrayHeader();
            var array = Array.CreateInstance(element, count);
            for (var i = 0; i < count; i++)
            {
                array.SetValue(Read(ref reader, element, depth + 1), i);
            }
            return array;
        }
        if (facts.Dictionary is var (keyType, valueType))
        {
            var count = reader.ReadMapHeader();
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(keyType, valueType))!;
            for (var i = 0; i < count; i++)
            {
                var keyAt = reader.Position;
                var key = Read(ref reader, keyType, depth + 1) ?? throw new MessagePackFormatException("A map key is nil", keyAt);
                if (dictionary.Contains(key))
                {
                    throw new MessagePackFormatException($"The map has the key {key} twice", keyAt);
                }
                dictionary[key] = Read(ref reader, valueType, depth + 1);
            }
            return dictionary;
        }
        if (facts.ListElement is { } listElement)
        {
            if (listElement == typeof(int))
            {
                var n = reader.ReadArrayHeader();
                var ints = new List<int>(n);
                for (var i = 0; i < n; i++)
                {
                    var itemAt = reader.Position;
                    var item = reader.ReadInt64();
                    ints.Add(item is >= int.MinValue and <= int.MaxValue ? (int)item : throw new MessagePackFormatException("The number does not fit a Int32", itemAt));
                }
                return ints;
            }
            var count = reader.ReadArrayHeader();
            var list = ListFactories.GetOrAdd(listElement, MakeListFactory)(count);
            for (var i = 0; i < count; i++)
            {
                list.Add(Read(ref reader, listElement, depth + 1));
            }
            return list;
        }
        return ReadObject(ref reader, Shape(type), depth);
    }

    private static object ReadObject(ref MessagePackReader reader, ObjectShape shape, int depth)
    {
        var at = reader.Position;
        var count = reader.ReadMapHeader();
        var values = new object?[shape.Properties.Length];
        var seen = new bool[shape.Properties.Length];
        for (var i = 0; i < count; i++)
        {
            var keyAt = reader.Position;
            if (reader.NextType != MessagePackType.String)
            {
                throw new MessagePackFormatException($"A key of a {shape.Type.Name} is not a string", keyAt);
            }
            var index = shape.IndexOf(reader.ReadStringBytes());
            if (index < 0)
            {
                reader.Skip(MessagePackReader.DefaultMaxDepth - depth); // a field this version does not know
                continue;
            }
            if (seen[index])
            {
                throw new MessagePackFormatException($"The field {shape.Properties[index].Name} appears twice", keyAt);
            }
            seen[index] = true;
            values[index] = Read(ref reader, shape.Properties[index].PropertyType, depth + 1);
        }
        try
        {
            return shape.Create(values, seen);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException and not MessagePackFormatException)
        {
            throw new MessagePackFormatException($"A {shape.Type.Name} refused its fields: {ex.Message}", at);
        }
    }

    private static object? ReadAny(ref MessagePackReader reader, int depth)
    {
        switch (reader.NextType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Integer:
                var (negative, bits) = reader.ReadInteger();
                return negative || bits <= long.MaxValue ? (long)bits : bits;
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Binary:
                return reader.ReadBinary();
            case MessagePackType.Array:
                var count = reader.ReadArrayHeader();
                var list = new List<object?>(count);
                for (var i = 0; i < count; i++)
                {
                    list.Add(Read(ref reader, typeof(object), depth + 1));
                }
                return list;
            case MessagePackType.Map:
                var pairs = reader.ReadMapHeader();
                var map = new Dictionary<object, object?>(pairs);
                for (var i = 0; i < pairs; i++)
                {
                    var keyAt = reader.Position;
                    var key = Read(ref reader, typeof(object), depth + 1) ?? throw new MessagePackFormatException("A map key is nil", keyAt);
                    if (!map.TryAdd(key is byte[] b ? Convert.ToHexString(b) : key, Read(ref reader, typeof(object), depth + 1)))
                    {
                        throw new MessagePackFormatException($"The map has the key {key} twice", keyAt);
                    }
                }
                return map;
            default:
                var peek = reader;
                if (peek.ReadExtensionHeader().Type == MessagePackWriter.TimestampType)
                {
                    var (seconds, nanoseconds) = reader.ReadTimestampParts();
                    return new MessagePackTimestamp(seconds, nanoseconds);
                }
                var (extType, data) = reader.ReadExtension();
                return new MessagePackExtension(extType, data);
        }
    }

    private static (Type Key, Type Value)? DictionaryTypes(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)))
        {
            var arguments = type.GetGenericArguments();
            return (arguments[0], arguments[1]);
        }
        return null;
    }

    private static Type? ListElement(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
                || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>)))
        {
            return type.GetGenericArguments()[0];
        }
        return null;
    }

    private static ObjectShape Shape(Type type) => Shapes.GetOrAdd(type, t => new ObjectShape(t));

    // A record's or class's public properties, and how to make one from their values: getters,
    // setters and the constructor compiled once per type, names kept as their MessagePack bytes.
    private sealed class ObjectShape
    {
        private readonly Func<object?[], object> _create;
        private readonly Action<object, object?>?[] _setters;
        private readonly bool[] _byConstructor;
        private readonly object?[] _defaults;

        public ObjectShape(Type type)
        {
            if (type.IsAbstract || type.IsInterface || type.IsPrimitive || type == typeof(decimal) || type == typeof(char) || type.IsPointer)
            {
                throw new NotSupportedException($"MessagePackSerializer cannot write or read a {type.Name}.");
            }
            Type = type;
            Properties = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)];
            EncodedNames = [.. Properties.Select(p => Serialize(p.Name))];
            Names = [.. Properties.Select(p => System.Text.Encoding.UTF8.GetBytes(p.Name))];
            var instance = Expr.Parameter(typeof(object), "instance");
            Getters = [.. Properties.Select(p => Expr.Lambda<Func<object, object?>>(
                Expr.Convert(Expr.Property(Expr.Convert(instance, type), p), typeof(object)), instance).Compile())];
            _defaults = [.. Properties.Select(p => p.PropertyType.IsValueType ? Activator.CreateInstance(p.PropertyType) : null)];
            _byConstructor = new bool[Properties.Length];
            // A record's primary constructor: every parameter names a property (a constructor taking
            // nothing qualifies too, and loses to any longer one).
            var constructor = type.GetConstructors()
                .Where(c => c.GetParameters().All(p => Properties.Any(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase) && q.PropertyType == p.ParameterType)))
                .OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            var values = Expr.Parameter(typeof(object?[]), "values");
            if (constructor is not null)
            {
                var arguments = constructor.GetParameters().Select(p =>
                {
                    var index = Array.FindIndex(Properties, q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase));
                    _byConstructor[index] = true;
                    return (System.Linq.Expressions.Expression)Expr.Convert(
                        Expr.ArrayIndex(values, Expr.Constant(index)), p.ParameterType);
                });
                _create = Expr.Lambda<Func<object?[], object>>(
                    Expr.Convert(Expr.New(constructor, arguments), typeof(object)), values).Compile();
            }
            else if (type.IsValueType) // a struct without constructors: its default
            {
                _create = Expr.Lambda<Func<object?[], object>>(
                    Expr.Convert(Expr.New(type), typeof(object)), values).Compile();
            }
            else
            {
                throw new NotSupportedException($"MessagePackSerializer cannot make a {type.Name}: it has neither a constructor taking its properties nor one taking nothing.");
            }
            var value = Expr.Parameter(typeof(object), "value");
            // A struct is set in its box (Unbox is the box's address); Convert would set a copy, and lose the value.
            var target = type.IsValueType ? Expr.Unbox(instance, type) : Expr.Convert(instance, type);
            _setters = [.. Properties.Select((p, i) => _byConstructor[i] || p.SetMethod is not { IsPublic: true } ? null
                : Expr.Lambda<Action<object, object?>>(Expr.Assign(
                    Expr.Property(target, p),
                    Expr.Convert(value, p.PropertyType)), instance, value).Compile())];
        }

        public Type Type { get; }

        public PropertyInfo[] Properties { get; }

        // Each property's name as a MessagePack string, ready to copy out.
        public byte[][] EncodedNames { get; }

        // Each property's name in UTF-8, to match a key without making a string of it.
        public byte[][] Names { get; }

        public Func<object, object?>[] Getters { get; }

        public int IndexOf(ReadOnlySpan<byte> name)
        {
            for (var i = 0; i < Names.Length; i++)
            {
                if (name.SequenceEqual(Names[i]))
                {
                    return i;
                }
            }
            return -1;
        }

        public object Create(object?[] values, bool[] seen)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!seen[i])
                {
                    values[i] = _defaults[i];
                }
            }
            var instance = _create(values);
            for (var i = 0; i < values.Length; i++)
            {
                if (seen[i] && _setters[i] is { } set)
                {
                    set(instance, values[i]);
                }
            }
            return instance;
        }
    }
}
