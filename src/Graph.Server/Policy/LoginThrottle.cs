using System.Net;

namespace Graph.Server.Policy;

/// <summary>
/// Slows password guessing, over HTTP and Bolt alike, as Neo4j does (dbms.security.auth_max_failed_attempts, auth_lock_time): after
/// <see cref="ServerOptions.MaxFailedLogins"/> failed logins in a row for a user name, or from a client address,
/// every login for that name or from that address is refused for <see cref="ServerOptions.LoginLockTime"/>, even
/// with the right password. A success clears both counts. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class LoginThrottle(ServerOptions options, TimeProvider time)
{
    /// <summary>The table never grows past this many names and addresses; the least recently failed go first.</summary>
    private const int MaxTracked = 10_000;

    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private sealed class Failures
    {
        public int Count;
        public long LastFailure;
        public long LockedUntil;
    }

    /// <summary>How long logins for <paramref name="name"/> or from <paramref name="address"/> stay refused; null when they are not.</summary>
    public TimeSpan? LockedFor(string name, IPAddress? address)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            var remaining = Math.Max(Remaining(UserKey(name), now), Remaining(AddressKey(address), now));
            return remaining > 0 ? TimeSpan.FromTicks(remaining) : null;
        }
    }

    public void Failed(string name, IPAddress? address)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            Count(UserKey(name), now);
            Count(AddressKey(address), now);
        }
    }

    public void Succeeded(string name, IPAddress? address)
    {
        lock (_lock)
        {
            _failures.Remove(UserKey(name));
            _failures.Remove(AddressKey(address));
        }
    }

    private void Count(string key, long now)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            if (_failures.Count >= MaxTracked) Evict(now);
            _failures[key] = failures = new Failures();
        }
        failures.Count++;
        failures.LastFailure = now;
        // Once the limit is reached, every further failure locks again.
        if (failures.Count >= options.MaxFailedLogins) failures.LockedUntil = now + Ticks(options.LoginLockTime);
    }

    private void Evict(long now)
    {
        foreach (var key in _failures.Where(p => Remaining(p.Key, now) <= 0).OrderBy(p => p.Value.LastFailure)
                     .Take(Math.Max(1, _failures.Count / 10)).Select(p => p.Key).ToList())
            _failures.Remove(key);
        if (_failures.Count >= MaxTracked)
            _failures.Remove(_failures.MinBy(p => p.Value.LastFailure).Key);
    }

    /// <summary>Remaining lock of a key, in TimeSpan ticks.</summary>
    private long Remaining(string key, long now) =>
        _failures.TryGetValue(key, out var failures) && failures.LockedUntil > now
            ? time.GetElapsedTime(now, failures.LockedUntil).Ticks
            : 0;

    private long Ticks(TimeSpan span) => (long)(span.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private static string UserKey(string name) => "user\0" + name;

    private static string AddressKey(IPAddress? address) => "address\0" + (address?.ToString() ?? "unknown");
}
