using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace NetworkingLessons.Tests.Wire;

/// <summary>
/// Runs code as a process without the right to capture would: on a thread of its own whose
/// effective capabilities lack CAP_NET_RAW (Linux keeps capabilities per thread, so the rest of
/// the test process keeps them). Root has its powers through capabilities, so this holds for root too.
/// </summary>
internal static class WithoutRawSockets
{
    private const uint CapabilityVersion3 = 0x20080522;
    private const int NetRaw = 13; // CAP_NET_RAW

    [StructLayout(LayoutKind.Sequential)]
    private struct CapabilityHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapabilityData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in the test project; two calls do not justify it
    [DllImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static extern int CapGet(ref CapabilityHeader header, [Out] CapabilityData[] data);

    [DllImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static extern int CapSet(ref CapabilityHeader header, [In] CapabilityData[] data);
#pragma warning restore SYSLIB1054

    /// <summary>Runs <paramref name="action"/> without CAP_NET_RAW and returns what it returned (or throws what it threw).</summary>
    public static T Run<T>(Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                var header = new CapabilityHeader { Version = CapabilityVersion3, Pid = 0 };
                var data = new CapabilityData[2];
                if (CapGet(ref header, data) != 0)
                {
                    throw new InvalidOperationException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
                }
                data[0].Effective &= ~(1u << NetRaw);
                if (CapSet(ref header, data) != 0)
                {
                    throw new InvalidOperationException($"capset failed: errno {Marshal.GetLastPInvokeError()}");
                }
                result = action();
            }
#pragma warning disable CA1031 // whatever it throws is thrown again on the test's thread
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = ExceptionDispatchInfo.Capture(ex);
            }
        });
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }
}
