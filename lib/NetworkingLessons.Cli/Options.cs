using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NetworkingLessons.Cli;

/// <summary>
/// The options several commands share, each parsed in one place, so that a bad value always gets
/// the same one-line error naming the option and the value.
/// </summary>
internal static class Options
{
    /// <summary>A positive number of seconds.</summary>
    public static Option<TimeSpan> Seconds(string name, string description, double defaultSeconds) => new(name)
    {
        Description = description,
        HelpName = "SECONDS",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(defaultSeconds),
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds))
            {
                result.AddError($"{name}: '{text}' is not a number of seconds.");
                return default;
            }
            if (seconds <= 0)
            {
                result.AddError($"{name} must be a positive number of seconds, not {text}.");
                return default;
            }
            return TimeSpan.FromSeconds(seconds);
        },
    };

    /// <summary>A whole number of at least 1.</summary>
    public static Option<int> Count(string name, string description, int defaultValue, string helpName = "N") => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name}: '{text}' is not a whole number.");
                return default;
            }
            if (value < 1)
            {
                result.AddError($"{name} must be at least 1, not {text}.");
                return default;
            }
            return value;
        },
    };

    /// <summary>A TCP or UDP port, 1 to 65535, or null when not given.</summary>
    public static Option<int?> Port(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "PORT",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65_535)
            {
                result.AddError($"{name}: '{text}' is not a port (1 to 65535).");
                return null;
            }
            return value;
        },
    };

    /// <summary>An IP address literal (no host names: a server listens on an address).</summary>
    public static Option<string> Address(string name, string description, string defaultValue) => new(name)
    {
        Description = description,
        HelpName = "ADDRESS",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (!System.Net.IPAddress.TryParse(text, out _))
            {
                result.AddError($"{name}: '{text}' is not an IP address (such as 127.0.0.1 or ::1).");
            }
            return text;
        },
    };

    /// <summary>
    /// Paths given as arguments; a token that looks like an option is refused, not taken for a
    /// path (System.CommandLine would otherwise pass an unknown "--port" on as a file name).
    /// </summary>
    public static Argument<string[]> Paths(string name, string description)
    {
        var argument = new Argument<string[]>(name) { Arity = ArgumentArity.ZeroOrMore, Description = description };
        argument.Validators.Add(RejectOptionLike);
        return argument;
    }

    /// <summary>Refuses an argument token that starts with a dash: an option this command does not have.</summary>
    public static void RejectOptionLike(ArgumentResult result)
    {
        var command = (result.Parent as CommandResult)?.Command.Name;
        foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-') && t.Value != "-"))
        {
            result.AddError($"{token.Value}: 'lessons {command}' has no such option (see lessons {command} --help).");
        }
    }
}
