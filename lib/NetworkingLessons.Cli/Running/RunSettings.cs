namespace NetworkingLessons.Cli.Running;

/// <summary>What <c>lessons run</c> was asked to do.</summary>
internal sealed record RunSettings(IReadOnlyList<string> Paths, string? OutputDirectory, bool Offline, TimeSpan CellTimeout, string? HtmlDirectory = null, bool AllowErrors = false);
