namespace TemporalBridge.Tests.Sandbox;

/// <summary>Waits for a condition on the emulator's state, checking it until a deadline; never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTimeOffset.UtcNow + (deadline ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last value: {value}");
            }

            await Task.Delay(20);
        }
    }
}
