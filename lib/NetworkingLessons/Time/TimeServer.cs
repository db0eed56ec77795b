using System.Net;

namespace NetworkingLessons.Time;

/// <summary>A time server found for a lesson: its name, addresses, whether it is the embedded stand-in, and why.</summary>
public sealed class TimeServer
{
    internal TimeServer(string name, IReadOnlyList<IPEndPoint> endPoints, bool isEmbedded, string note, SntpReply? firstReply)
    {
        Name = name;
        EndPoints = endPoints;
        IsEmbedded = isEmbedded;
        Note = note;
        FirstReply = firstReply;
    }

    /// <summary>The most samples <see cref="SampleAsync"/> takes.</summary>
    public const int MaxSamples = 30;

    /// <summary>"pool.ntp.org", or "the course's SNTP server".</summary>
    public string Name { get; }

    /// <summary>The servers behind the name (a pool names several; the embedded server is one).</summary>
    public IReadOnlyList<IPEndPoint> EndPoints { get; }

    /// <summary>The first of them: where the tutorials' minimal client sends its 48 bytes.</summary>
    public IPEndPoint EndPoint => EndPoints[0];

    /// <summary>True for the course's own server on loopback.</summary>
    public bool IsEmbedded { get; }

    /// <summary>Which server this is and why: what the lesson prints.</summary>
    public string Note { get; }

    /// <summary>The answer that showed a public server was there, or null for the embedded server.</summary>
    public SntpReply? FirstReply { get; }

    /// <summary>Asks one of the servers for the time: the first that RFC 4330's poll interval lets this client ask now.</summary>
    /// <exception cref="SntpException">No usable reply, or every server was asked too recently.</exception>
    public async Task<SntpReply> QueryAsync(CancellationToken cancellationToken = default)
    {
        SntpException? tooSoon = null;
        foreach (var endPoint in EndPoints)
        {
            try
            {
                return await SntpClient.QueryAsync(endPoint, cancellationToken: cancellationToken);
            }
            catch (SntpException ex) when (ex.Problem == SntpProblem.TooSoon)
            {
                tooSoon = ex;
            }
        }
        throw tooSoon!;
    }

    /// <summary>
    /// Up to <paramref name="count"/> answers, for a chart: the embedded server is asked every
    /// 100 ms; a public pool once per server it named that may be asked now, so there may be fewer.
    /// </summary>
    public async Task<IReadOnlyList<SntpReply>> SampleAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxSamples);
        var replies = new List<SntpReply>(count);
        if (IsEmbedded)
        {
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    await Task.Delay(100, cancellationToken);
                }
                replies.Add(await SntpClient.QueryAsync(EndPoint, cancellationToken: cancellationToken));
            }
            return replies;
        }
        foreach (var endPoint in EndPoints.Take(count))
        {
            try
            {
                replies.Add(await SntpClient.QueryAsync(endPoint, cancellationToken: cancellationToken));
            }
            catch (SntpException ex) when (ex.Problem is SntpProblem.TooSoon or SntpProblem.NoReply)
            {
                // asked too recently, or silent: the sample goes on without it
            }
        }
        return replies;
    }

    /// <inheritdoc/>
    public override string ToString() => Note;
}
