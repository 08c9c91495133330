using System.Diagnostics;
using Repro.Results;

namespace Repro.Experiments.Runtime;

/// <summary>
/// The run's workers: a fixed number of slots shared by every job of the run, whichever claim, unit or cell submitted it.
/// A ready job waits in one queue, nested jobs first (so a started unit finishes before a new one starts), then the longest
/// expected, then the first submitted. A job may submit jobs of its own and wait for them: it runs them itself while any
/// is not yet started, and while the last ones run elsewhere it gives its slot back, so a waiting job never holds a worker
/// (and nesting cannot deadlock); it takes a slot again before any new job does.
/// </summary>
/// <remarks>
/// Why not Parallel.ForEach: each loop then has its own workers, so loops of different claims cannot share the cores and a
/// loop inside a loop multiplies them. Each job runs on a thread of its own that holds its slot; libtorch applies the
/// run's intra-op thread count on every new thread. Jobs change nothing they compute by where or when they run.
/// </remarks>
public sealed class WorkerPool
{
    readonly object _gate = new();
    readonly PriorityQueue<Entry, (int Rank, int Depth, double Cost, long Seq)> _ready = new();
    readonly StageLog? _log;
    readonly long _start = Stopwatch.GetTimestamp();
    int _free;
    long _seq;
    // Numbered across every pool of the process, so that the pools of one run (the claims', the study's) share a stage log.
    static int _nextJob, _nextGroup;

    [ThreadStatic] static WorkerPool? _holder;
    [ThreadStatic] static Entry? _job;

    /// <param name="slots">How many jobs run at once (the run's jobs, <see cref="ParallelismPlan.Jobs"/>).</param>
    /// <param name="log">Where each job and each group of jobs is recorded, for the model of the run on other core counts.</param>
    public WorkerPool(int slots, StageLog? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        Slots = _free = slots;
        _log = log;
    }

    public int Slots { get; }

    /// <summary>
    /// Runs the jobs and returns when every one has finished. After a job throws, the jobs not yet started are skipped and
    /// the errors are thrown together (<see cref="AggregateException"/>); after <paramref name="cancel"/> fires, the jobs not
    /// yet started are skipped and <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    public void Run(IReadOnlyList<PoolJob> jobs, CancellationToken cancel = default)
    {
        if (jobs.Count == 0) return;
        bool held = ReferenceEquals(_holder, this);
        var parent = held ? _job : null;
        var group = new Group(jobs.Count, cancel, Interlocked.Increment(ref _nextGroup), parent?.Id, Now);
        var context = ExecutionContext.Capture();
        int depth = parent is null ? 0 : parent.Depth + 1;
        var entries = jobs.Select(j => new Entry(j, group, context, depth)).ToList();
        lock (_gate)
            foreach (var e in entries)
            {
                e.Seq = _seq++;
                _ready.Enqueue(e, Key(e));
            }
        // Idle slots take the jobs at once, also while this thread runs some of them itself.
        Dispatch();
        if (held)
        {
            // Run our own jobs here while any is left unstarted: the slot this thread holds does the work.
            foreach (var e in entries.OrderBy(Key))
                if (Claim(e)) Execute(e);
            // The rest run elsewhere: give the slot back, to be handed back first when the group's last job ends, before
            // that job's own slot goes to anything new (the resume is queued before the slot is released).
            var granted = new ManualResetEventSlim();
            bool wait;
            lock (_gate)
            {
                wait = group.Pending > 0;
                if (wait) group.Resume = new Entry(granted) { Seq = _seq++ };
            }
            if (wait)
            {
                Release();
                granted.Wait();
            }
        }
        else group.Done.Wait();
        _log?.RecordJobGroup(new JobGroupRecord(group.Id, group.Parent, jobs.Count, group.Start, Now));
        cancel.ThrowIfCancellationRequested();
        if (group.Errors.Count > 0) throw new AggregateException(group.Errors);
    }

    /// <summary>Seconds since the stage log began (the pool's own start without one), the clock of its job records.</summary>
    double Now => _log?.ElapsedSeconds ?? Stopwatch.GetElapsedTime(_start).TotalSeconds;

    static (int, int, double, long) Key(Entry e) => (1, -e.Depth, -e.Job.ExpectedSeconds, e.Seq);

    bool Claim(Entry e)
    {
        lock (_gate)
        {
            if (e.Taken) return false;
            e.Taken = true;
            return true;
        }
    }

    /// <summary>Hands free slots to waiting threads first, then to the ready jobs in queue order, each on a thread of its own.</summary>
    void Dispatch()
    {
        lock (_gate)
            while (_free > 0 && _ready.TryDequeue(out var e, out _))
            {
                if (e.Taken) continue;
                e.Taken = true;
                _free--;
                if (e.Resume is { } granted)
                {
                    granted.Set();
                    continue;
                }
                new Thread(() => Work(e)) { IsBackground = true, Name = "repro worker" }.Start();
            }
    }

    void Work(Entry e)
    {
        _holder = this;
        try
        {
            if (e.Context is { } context) ExecutionContext.Run(context, _ => Execute(e), null);
            else Execute(e);
        }
        finally
        {
            _holder = null;
            Release();
        }
    }

    void Release()
    {
        lock (_gate) _free++;
        Dispatch();
    }

    void Execute(Entry e)
    {
        var group = e.Group!;
        if (!group.Stopped && !group.Cancel.IsCancellationRequested)
        {
            var outer = _job;
            _job = e;
            e.Id = Interlocked.Increment(ref _nextJob);
            double start = Now;
            var watch = StageWatch.Start();
            try { e.Job.Work(); }
            catch (Exception ex)
            {
                lock (group.Errors) group.Errors.Add(ex);
                group.Stopped = true;
            }
            finally
            {
                _job = outer;
                double thread = watch.ThreadSeconds;
                // Jobs it ran itself are timed on their own: what is left is this job's own work.
                if (outer is not null) outer.Inline += thread;
                _log?.RecordJob(new JobRecord(e.Id, group.Id, e.Job.Name, e.Job.ExpectedSeconds, start, watch.WallSeconds, thread - e.Inline));
            }
        }
        bool last;
        lock (_gate)
        {
            last = --group.Pending == 0;
            // A job waiting for this group takes a slot again ahead of every job not yet started.
            if (last && group.Resume is { } resume) _ready.Enqueue(resume, (0, 0, 0, resume.Seq));
        }
        if (last) group.Done.Set();
    }

    sealed class Group(int count, CancellationToken cancel, int id, int? parent, double start)
    {
        public int Pending = count;
        public readonly CancellationToken Cancel = cancel;
        public readonly int Id = id;
        public readonly int? Parent = parent;
        public readonly double Start = start;
        public readonly List<Exception> Errors = [];
        public readonly ManualResetEventSlim Done = new();
        /// <summary>The job that submitted the group, waiting for a slot once the group is done (null: none waits that way).</summary>
        public Entry? Resume;
        public volatile bool Stopped;
    }

    sealed class Entry
    {
        public Entry(PoolJob job, Group group, ExecutionContext? context, int depth)
        {
            Job = job;
            Group = group;
            Context = context;
            Depth = depth;
        }

        public Entry(ManualResetEventSlim resume)
        {
            Job = new PoolJob(null, 0, () => { });
            Resume = resume;
        }

        public readonly PoolJob Job;
        public readonly Group? Group;
        public readonly ExecutionContext? Context;
        public readonly int Depth;
        public readonly ManualResetEventSlim? Resume;
        public long Seq;
        public bool Taken;
        public int Id;
        public double Inline;
    }
}
