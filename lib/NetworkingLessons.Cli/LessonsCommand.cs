using System.CommandLine;
using NetworkingLessons.Cli.Assigning;
using NetworkingLessons.Cli.Checking;
using NetworkingLessons.Cli.Grading;
using NetworkingLessons.Cli.Running;
using Spectre.Console;

namespace NetworkingLessons.Cli;

/// <summary>The <c>lessons</c> command line: run and check the course's notebooks.</summary>
internal static class LessonsCommand
{
    public static RootCommand Create(IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Logs and pipes: never wrap a message in the middle; grep and CI logs need whole lines.
            console.Profile.Width = 1000;
        }
        var root = new RootCommand("NetworkingLessons: run, check, assign and grade the course's C# notebooks.");
        root.Subcommands.Add(CreateRun(console));
        root.Subcommands.Add(CreateCheck(console));
        root.Subcommands.Add(CreateAssign(console));
        root.Subcommands.Add(CreateAutograde(console));
        root.Subcommands.Add(CreateFeedback(console));
        root.Subcommands.Add(CreateGradeOne());
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
        var timeout = Seconds("--timeout", "Seconds one cell may run before it is stopped.", 60);
        var html = new Option<string?>("--html") { Description = "Also render the executed notebooks as a static web site in DIR (open DIR/index.html).", HelpName = "DIR" };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Run every cell even after one fails, as Run All does before you fix things; the summary still reports each failure." };
        var command = new Command("run", "Run notebooks cell by cell, write executed copies with outputs, and summarise.")
        {
            paths, output, offline, timeout, html, allowErrors,
        };
        command.SetAction((result, cancellationToken) => new RunCommand(console).ExecuteAsync(new RunSettings(
            result.GetValue(paths) ?? [],
            result.GetValue(output),
            result.GetValue(offline),
            TimeSpan.FromSeconds(result.GetValue(timeout)),
            result.GetValue(html),
            result.GetValue(allowErrors)), cancellationToken));
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

    private static Option<double> Seconds(string name, string description, double defaultValue)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "SECONDS" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var s && s <= 0)
            {
                r.AddError($"{name} must be a positive number of seconds, not {s.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        });
        return option;
    }

    private static Command CreateAutograde(IAnsiConsole console)
    {
        var submissions = new Argument<string>("submissions") { Description = "A folder holding one folder per student, each with their lesson notebooks." };
        var source = new Option<string?>("--source") { Description = "The instructor sources (default: notebooks/solutions/).", HelpName = "DIR" };
        var output = new Option<string?>("--out") { Description = "Where grades.csv, grades.json and graded notebooks go (default: artifacts/grades/).", HelpName = "DIR" };
        var cellTimeout = Seconds("--timeout", "Seconds one cell may run.", 30);
        var notebookTimeout = Seconds("--notebook-timeout", "Seconds one submission may run in all.", 300);
        var jobs = new Option<int>("--jobs") { Description = "Submissions graded at once.", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "N" };
        jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is var n && n <= 0)
            {
                r.AddError($"--jobs must be at least 1, not {n}.");
            }
        });
        var command = new Command("autograde", "Grade a class: run each student's notebooks against the instructor's checks and hidden tests; write grades.csv and grades.json.")
        {
            submissions, source, output, cellTimeout, notebookTimeout, jobs,
        };
        command.SetAction((result, cancellationToken) => new AutogradeCommand(console).ExecuteAsync(new AutogradeCommand.Settings(
            result.GetValue(submissions)!, result.GetValue(source), result.GetValue(output),
            TimeSpan.FromSeconds(result.GetValue(cellTimeout)), TimeSpan.FromSeconds(result.GetValue(notebookTimeout)),
            result.GetValue(jobs)), cancellationToken));
        return command;
    }

    private static Command CreateGradeOne()
    {
        var notebook = new Argument<string>("notebook");
        var runAs = new Option<string>("--as") { Required = true };
        var report = new Option<string>("--report") { Required = true };
        var executed = new Option<string>("--executed") { Required = true };
        var timeout = Seconds("--timeout", "Seconds one cell may run.", 30);
        var command = new Command(GradeOneCommand.Name, "Internal: the autograder's worker for one submission.")
        {
            notebook, runAs, report, executed, timeout,
        };
        command.Hidden = true;
        command.SetAction((result, cancellationToken) => GradeOneCommand.ExecuteAsync(result.GetValue(notebook)!, result.GetValue(runAs)!,
            result.GetValue(report)!, result.GetValue(executed)!, TimeSpan.FromSeconds(result.GetValue(timeout)), cancellationToken));
        return command;
    }

    private static Command CreateFeedback(IAnsiConsole console)
    {
        var grades = new Argument<string?>("grades")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "The folder autograde wrote (default: artifacts/grades/).",
        };
        var output = new Option<string?>("--out") { Description = "Where the pages go (default: artifacts/feedback/).", HelpName = "DIR" };
        var command = new Command("feedback", "Write one HTML page per student and lesson: points, each check's message, code and outputs.")
        {
            grades, output,
        };
        command.SetAction(result => new FeedbackCommand(console).Execute(result.GetValue(grades), result.GetValue(output)));
        return command;
    }
}
