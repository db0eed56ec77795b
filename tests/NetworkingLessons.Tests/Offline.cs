using System.Runtime.CompilerServices;

namespace NetworkingLessons.Tests;

/// <summary>
/// The whole test assembly runs offline, as CI does: a lookup or "find a server" call that is not
/// given a stand-in explicitly must never send a packet beyond loopback, whoever runs the tests.
/// </summary>
internal static class Offline
{
    [ModuleInitializer]
    internal static void Set() => Environment.SetEnvironmentVariable(NetworkingLessons.Course.CourseEnvironment.OfflineVariable, "1");
}
