namespace NetworkingLessons.Hosts;

/// <summary>One row of <see cref="Resolver.LookupAllAsync"/>.</summary>
/// <param name="Name">What was looked up.</param>
/// <param name="Addresses">What it resolved to, if it did.</param>
/// <param name="Error">Why it did not, if it did not.</param>
/// <param name="Milliseconds">How long the lookup took.</param>
public sealed record LookupResult(string Name, string Addresses, string Error, double Milliseconds);
