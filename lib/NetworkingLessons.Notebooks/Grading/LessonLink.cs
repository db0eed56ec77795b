namespace NetworkingLessons.Notebooks.Grading;

/// <summary>A lesson as the navigation bar names it.</summary>
/// <param name="FileName">The student copy's file name, e.g. <c>01-host-names.ipynb</c>.</param>
/// <param name="Title">The lesson's H1 title.</param>
public sealed record LessonLink(string FileName, string Title)
{
    /// <summary>The two-digit lesson number from the file name, or the whole name when it has none.</summary>
    public string Number => FileName.Length > 2 && char.IsAsciiDigit(FileName[0]) && char.IsAsciiDigit(FileName[1]) ? FileName[..2] : FileName;
}
