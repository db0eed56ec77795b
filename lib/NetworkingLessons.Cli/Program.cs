using NetworkingLessons.Cli;

return await LessonsCommand.Create().Parse(args).InvokeAsync();
