namespace Repro.Results;

/// <summary>
/// The run of a stage table replayed on another number of workers: every job of its worker pool (<see cref="StageTable.PoolJobs"/>)
/// with the CPU time its own work took here, in the groups it submitted, scheduled as the pool schedules them (nested jobs
/// first, then the longest expected, a waiting job giving its slot back). The time the run spent outside the pool (the
/// yardstick, data loading, the claims' own analysis between their loops) stays as it was.
/// </summary>
/// <remarks>
/// It assumes each job takes on the other machine the CPU time it took here (cores as fast as these, not slowed by each
/// other or by memory), and it places a job's own work before the jobs it submits. Replayed on this run's own worker count it
/// should give back this run's wall time; the difference is the model's error.
/// </remarks>
public static class JobGraphModel
{
    /// <summary>Modelled wall seconds of the run on <paramref name="workers"/> workers; NaN for a table without pool jobs.</summary>
    public static double Seconds(StageTable table, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var top = table.PoolGroups.Where(g => g.ParentJob is null).OrderBy(g => g.StartSeconds).ToList();
        if (top.Count == 0) return double.NaN;
        var jobs = table.PoolJobs.ToLookup(j => j.Group);
        var children = table.PoolGroups.Where(g => g.ParentJob is not null).OrderBy(g => g.Id).ToLookup(g => g.ParentJob!.Value);
        // Outside the pool: the run's wall time less the spans of its top-level groups (which follow one another).
        double outside = Math.Max(0, table.WallSeconds - top.Sum(g => g.EndSeconds - g.StartSeconds));
        return outside + top.Sum(g => new Replay(jobs, children, workers).Run(g));
    }

    private sealed class Replay(ILookup<int, JobRecord> jobs, ILookup<int, JobGroupRecord> children, int workers)
    {
        // A ready item: a job to start (Next = -1) or a waiting job to resume at its child group Next.
        readonly PriorityQueue<(JobRecord Job, int Depth, int Next), (int, int, double, long)> _ready = new();
        readonly PriorityQueue<(JobRecord Job, int Depth), (double, long)> _running = new();
        readonly Dictionary<int, int> _pending = [];
        readonly Dictionary<int, (JobRecord Job, int Depth, int Next)> _waiting = [];
        double _time;
        int _free = workers;
        long _seq;

        public double Run(JobGroupRecord top)
        {
            Submit(top, 0);
            while (true)
            {
                while (_free > 0 && _ready.TryDequeue(out var item, out _))
                {
                    _free--;
                    if (item.Next < 0) _running.Enqueue((item.Job, item.Depth), (_time + Own(item.Job), _seq++));
                    else Advance(item.Job, item.Depth, item.Next);
                }
                if (!_running.TryDequeue(out var done, out var at)) break;
                _time = at.Item1;
                Advance(done.Job, done.Depth, 0);
            }
            return _time;
        }

        static double Own(JobRecord j) => Math.Max(0, double.IsFinite(j.SelfThreadSeconds) ? j.SelfThreadSeconds : j.WallSeconds);

        void Submit(JobGroupRecord group, int depth)
        {
            var list = jobs[group.Id].ToList();
            _pending[group.Id] = list.Count;
            foreach (var j in list) _ready.Enqueue((j, depth, -1), (1, -depth, -j.ExpectedSeconds, _seq++));
            if (list.Count == 0) Completed(group.Id);
        }

        /// <summary>The job holds a slot and has done its own work and its child groups before <paramref name="next"/>.</summary>
        void Advance(JobRecord job, int depth, int next)
        {
            var groups = children[job.Id].ToList();
            _free++;
            if (next < groups.Count)
            {
                _waiting[groups[next].Id] = (job, depth, next + 1);
                Submit(groups[next], depth + 1);
            }
            else if (--_pending[job.Group] == 0) Completed(job.Group);
        }

        void Completed(int group)
        {
            if (_waiting.Remove(group, out var parent)) _ready.Enqueue(parent, (0, 0, 0, _seq++));
        }
    }
}
