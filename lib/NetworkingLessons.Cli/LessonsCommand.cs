using System.CommandLine;
using NetworkingLessons.Cli.Assigning;
using NetworkingLessons.Cli.Checking;
using NetworkingLessons.Cli.Grading;
using NetworkingLessons.Cli.Kernel;
using NetworkingLessons.Cli.Running;
using NetworkingLessons.Cli.Serving;
using Spectre.Console;

namespace NetworkingLessons.Cli;

/// <summary>
/// The <c>lessons</c> command line. Each command takes its settings the same way: options bound
/// to the command's <c>Settings</c> record, then <c>ExecuteAsync(settings, token)</c>.
/// </summary>
internal static class LessonsCommand
{
    /// <summary>The exit code for a command line that does not parse (a bad value, an unknown option), as getopt tools use.</summary>
    public const int UsageError = 2;

    public static RootCommand Create(IAnsiConsole? console = null)
    {
        console ??= CreateConsole();
        var root = new RootCommand("NetworkingLessons: run, check, assign and grade the course's C# notebooks.");
        root.Subcommands.Add(CreateRun(console));
        root.Subcommands.Add(CreateCheck(console));
        root.Subcommands.Add(CreateAssign(console));
        root.Subcommands.Add(CreateAutograde(console));
        root.Subcommands.Add(CreateFeedback(console));
        root.Subcommands.Add(CreateGradeOne());
        root.Subcommands.Add(CreateServe());
        root.Subcommands.Add(CreateKernel());
        return root;
    }

    /// <summary>
    /// Parses and runs a command line. A line that does not parse gets one line per problem on
    /// standard error, naming the option and the value, and exit code 2; no help text, no stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken, IAnsiConsole? console = null)
    {
        var parse = Create(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"lessons: {error.Message}");
            }
            return UsageError;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cancellationToken);
    }

    /// <summary>The console: colours and live status only on a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public static IAnsiConsole CreateConsole()
    {
        var plain = Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = Console.IsOutputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (Console.IsOutputRedirected)
        {
            // Logs and pipes: never wrap a message in the middle; grep and CI logs need whole lines.
            console.Profile.Width = 1000;
        }
        return console;
    }

    private static Argument<string[]> Paths(string what) =>
        Options.Paths("paths", $"Notebooks (.ipynb, .dib), folders of them, or lessons by number or name (05, sockets) to {what}; default: every lesson in notebooks/.");

    private static Command CreateRun(IAnsiConsole console)
    {
        var paths = Paths("run");
        var output = new Option<string?>("--out") { Description = "Where executed copies go (default: artifacts/executed/).", HelpName = "DIR" };
        var offline = new Option<bool>("--offline") { Description = "Use the built-in local stand-ins instead of live servers on the internet." };
        var timeout = Options.Seconds("--timeout", "Seconds one cell may run before it is stopped.", 60);
        var html = new Option<string?>("--html") { Description = "Also render the executed notebooks as a static web site in DIR (open DIR/index.html).", HelpName = "DIR" };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Run every cell even after one fails, as Run All does before you fix things; the summary still reports each failure." };
        var command = new Command("run", "Run notebooks cell by cell, write executed copies with outputs, and summarise.")
        {
            paths, output, offline, timeout, html, allowErrors,
        };
        command.SetAction((result, cancellationToken) => new RunCommand(console).ExecuteAsync(new RunCommand.Settings(
            result.GetValue(paths) ?? [],
            result.GetValue(output),
            result.GetValue(offline),
            result.GetValue(timeout),
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
        command.SetAction((result, cancellationToken) => new CheckCommand(console).ExecuteAsync(new CheckCommand.Settings(result.GetValue(paths) ?? []), cancellationToken));
        return command;
    }

    private static Command CreateAssign(IAnsiConsole console)
    {
        var paths = Options.Paths("sources", "Instructor sources (.dib, .ipynb) or folders of them; default: notebooks/solutions/.");
        var output = new Option<string?>("--out") { Description = "Where student copies go (default: notebooks/).", HelpName = "DIR" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 if the committed copies differ from what assign would write." };
        var command = new Command("assign", "Generate student copies from instructor sources: stubs for answers, no hidden checks, no outputs, navigation.")
        {
            paths, output, check,
        };
        command.SetAction((result, cancellationToken) => new AssignCommand(console).ExecuteAsync(new AssignCommand.Settings(
            result.GetValue(paths) ?? [], result.GetValue(output), result.GetValue(check)), cancellationToken));
        return command;
    }

    private static Command CreateAutograde(IAnsiConsole console)
    {
        var submissions = new Argument<string>("submissions") { Description = "A folder holding one folder per student, each with their lesson notebooks." };
        submissions.Validators.Add(Options.RejectOptionLike);
        var source = new Option<string?>("--source") { Description = "The instructor sources (default: notebooks/solutions/).", HelpName = "DIR" };
        var output = new Option<string?>("--out") { Description = "Where grades.csv, grades.json and graded notebooks go (default: artifacts/grades/).", HelpName = "DIR" };
        var cellTimeout = Options.Seconds("--timeout", "Seconds one cell may run.", 30);
        var notebookTimeout = Options.Seconds("--notebook-timeout", "Seconds one submission may run in all.", 300);
        var jobs = Options.Count("--jobs", "Submissions graded at once.", Environment.ProcessorCount);
        var noSandbox = new Option<bool>("--no-sandbox") { Description = "Grade without bubblewrap (macOS, Windows): student code then runs with your rights, and can read your solutions and change your files." };
        var command = new Command("autograde", "Grade a class: run each student's notebooks against the instructor's checks and hidden tests; write grades.csv and grades.json.")
        {
            submissions, source, output, cellTimeout, notebookTimeout, jobs, noSandbox,
        };
        command.SetAction((result, cancellationToken) => new AutogradeCommand(console).ExecuteAsync(new AutogradeCommand.Settings(
            result.GetValue(submissions)!, result.GetValue(source), result.GetValue(output),
            result.GetValue(cellTimeout), result.GetValue(notebookTimeout), result.GetValue(jobs), result.GetValue(noSandbox)), cancellationToken));
        return command;
    }

    private static Command CreateGradeOne()
    {
        var folders = new Argument<string[]>("lessons") { Arity = ArgumentArity.OneOrMore, Description = "A folder per lesson, holding its input notebook." };
        var runAs = new Option<string[]>("--as") { Required = true, AllowMultipleArgumentsPerToken = true, Description = "The path each lesson runs as, in the folders' order." };
        var timeout = Options.Seconds("--timeout", "Seconds one cell may run.", 30);
        var command = new Command(GradeOneCommand.Name, "Internal: the autograder's worker for one student's submissions.")
        {
            folders, runAs, timeout,
        };
        command.Hidden = true;
        command.SetAction((result, cancellationToken) => GradeOneCommand.ExecuteAsync(
            new GradeOneCommand.Settings(result.GetValue(folders)!, result.GetValue(runAs)!, result.GetValue(timeout)), cancellationToken));
        return command;
    }

    private static Command CreateServe()
    {
        var kind = new Argument<string>("server") { Description = "ntp, echo, udp-echo, or all three." };
        kind.Validators.Add(result =>
        {
            string[] kinds = ["ntp", "echo", "udp-echo", "all"];
            if (result.Tokens.SingleOrDefault()?.Value is { } given && !kinds.Contains(given))
            {
                result.AddError($"server: '{given}' is not one of {string.Join(", ", kinds)}.");
            }
        });
        var port = Options.Port("--port", "The port (default: echo and udp-echo 9900, as the tutorials use; ntp 1123, since 123 needs root). With all: the echo servers' port; ntp takes the next.");
        var host = Options.Address("--host", "The address to listen on.", "127.0.0.1");
        var command = new Command("serve", "Run the course's servers in a terminal, as the tutorials run theirs: log each request until Ctrl+C.")
        {
            kind, port, host,
        };
        command.SetAction((result, cancellationToken) => ServeCommand.ExecuteAsync(new ServeCommand.Settings(
            result.GetValue(kind)!, result.GetValue(host)!, result.GetValue(port)), cancellationToken));
        return command;
    }

    private static Command CreateFeedback(IAnsiConsole console)
    {
        var grades = new Argument<string?>("grades")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "The folder autograde wrote (default: artifacts/grades/).",
        };
        grades.Validators.Add(Options.RejectOptionLike);
        var output = new Option<string?>("--out") { Description = "Where the pages go (default: artifacts/feedback/).", HelpName = "DIR" };
        var command = new Command("feedback", "Write one HTML page per student and lesson: points, each check's message, code and outputs.")
        {
            grades, output,
        };
        command.SetAction((result, cancellationToken) => new FeedbackCommand(console).ExecuteAsync(new FeedbackCommand.Settings(result.GetValue(grades), result.GetValue(output)), cancellationToken));
        return command;
    }

    private static Command CreateKernel()
    {
        var connectionFile = new Argument<string>("connection-file") { Description = "The connection file the Jupyter front end wrote (kernel.json passes it)." };
        connectionFile.Validators.Add(Options.RejectOptionLike);
        var timeout = Options.Seconds("--timeout", "Seconds one cell may run before it is stopped.", 60);
        var command = new Command("kernel", "The course's Jupyter kernel (ZMTP and the Jupyter protocol, in C#): what kernel.json starts. 'lessons kernel install' registers it.")
        {
            connectionFile, timeout,
        };
        command.SetAction((result, cancellationToken) => KernelCommand.ExecuteAsync(new KernelCommand.Settings(result.GetValue(connectionFile)!, result.GetValue(timeout)), cancellationToken));

        var sysPrefix = new Option<bool>("--sys-prefix") { Description = "Install into the prefix of the python3 on PATH (a virtual environment, or conda)." };
        var user = new Option<bool>("--user") { Description = "Install for this user, in Jupyter's data folder (the default)." };
        var prefix = new Option<string?>("--prefix") { Description = "Install under DIR/share/jupyter/kernels.", HelpName = "DIR" };
        var install = new Command("install", $"Register the kernel with Jupyter as '{KernelSpecInstaller.Name}' (\"{KernelSpecInstaller.DisplayName}\").")
        {
            user, sysPrefix, prefix,
        };
        install.Validators.Add(result =>
        {
            if (new[] { result.GetValue(user), result.GetValue(sysPrefix), result.GetValue(prefix) is not null }.Count(b => b) > 1)
            {
                result.AddError("kernel install: give one of --user, --sys-prefix and --prefix.");
            }
        });
        install.SetAction((result, cancellationToken) => KernelSpecInstaller.ExecuteAsync(new KernelSpecInstaller.Settings(result.GetValue(sysPrefix), result.GetValue(prefix)), cancellationToken));
        command.Subcommands.Add(install);
        return command;
    }
}
