using System.CommandLine;
using NetworkingLessons.Cli.Assigning;
using NetworkingLessons.Cli.Checking;
using NetworkingLessons.Cli.Running;
using Spectre.Console;

namespace NetworkingLessons.Cli;

/// <summary>The <c>lessons</c> command line: run and check the course's notebooks.</summary>
internal static class LessonsCommand
{
    public static RootCommand Create(IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var root = new RootCommand("NetworkingLessons: run, check, assign and grade the course's C# notebooks.");
        root.Subcommands.Add(CreateRun(console));
        root.Subcommands.Add(CreateCheck(console));
        root.Subcommands.Add(CreateAssign(console));
        return root;
    }

    private static Argument<string[]> Paths(string what) => new("paths")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = $"Notebooks (.ipynb, .dib) or folders of them to {what}; default: every lesson in notebooks/.",
    };

    private static Command CreateRun(IAnsiConsole console)
    {
        var paths = Paths("run");
        var output = new Option<string?>("--out") { Description = "Where executed copies go (default: artifacts/executed/).", HelpName = "DIR" };
        var offline = new Option<bool>("--offline") { Description = "Use the built-in local stand-ins instead of live servers on the internet." };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds one cell may run before it is stopped.",
            DefaultValueFactory = _ => 60,
            HelpName = "SECONDS",
        };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is var s && s <= 0)
            {
                r.AddError($"--timeout must be a positive number of seconds, not {s}.");
            }
        });
        var command = new Command("run", "Run notebooks cell by cell, write executed copies with outputs, and summarise.")
        {
            paths, output, offline, timeout,
        };
        command.SetAction((result, cancellationToken) => new RunCommand(console).ExecuteAsync(new RunSettings(
            result.GetValue(paths) ?? [],
            result.GetValue(output),
            result.GetValue(offline),
            TimeSpan.FromSeconds(result.GetValue(timeout))), cancellationToken));
        return command;
    }

    private static Command CreateCheck(IAnsiConsole console)
    {
        var paths = Paths("check");
        var command = new Command("check", "Check notebooks without running them: format, Polyglot metadata, file names, no committed outputs.")
        {
            paths,
        };
        command.SetAction(result => new CheckCommand(console).Execute(result.GetValue(paths) ?? []));
        return command;
    }

    private static Command CreateAssign(IAnsiConsole console)
    {
        var paths = new Argument<string[]>("sources")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Instructor sources (.dib, .ipynb) or folders of them; default: notebooks/solutions/.",
        };
        var output = new Option<string?>("--out") { Description = "Where student copies go (default: notebooks/).", HelpName = "DIR" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 if the committed copies differ from what assign would write." };
        var command = new Command("assign", "Generate student copies from instructor sources: stubs for answers, no hidden checks, no outputs, navigation.")
        {
            paths, output, check,
        };
        command.SetAction(result => new AssignCommand(console).Execute(result.GetValue(paths) ?? [], result.GetValue(output), result.GetValue(check)));
        return command;
    }
}
