namespace Repro.Experiments.Claims;

/// <summary>What a <see cref="ReproductionRun"/> tells its user interface: each unit (a shared experiment or a claim) as it starts and ends.</summary>
public interface IRunObserver
{
    void Started(string unit);

    /// <param name="reused">It cost nothing: an earlier record answered, or no claim that runs needed the shared experiment.</param>
    /// <param name="summary">One line for the unit's bar, e.g. "C6 …: [Re]" or "AP–PNC runs: failed".</param>
    void Finished(string unit, bool reused, string summary);
}
