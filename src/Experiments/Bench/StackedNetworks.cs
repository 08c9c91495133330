using Repro.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Bench;

/// <summary>
/// k networks of one spec in eval mode, run as one: rows [j·B, (j+1)·B) of the input go through network j. FC layers
/// become batched matrix products over the k networks, convolutions one grouped convolution (k groups), batch norm one
/// kernel over the k·C channels. Where a step's fixed cost outweighs its arithmetic (the FC at six images) one pass of k
/// networks costs much less than k passes; where the arithmetic dominates (the quick CNN at twenty) it costs about the
/// same. The arithmetic is reordered, so the outputs differ from the separate networks' in their last bits. Measured by
/// the benchmark's row (i) only, not used in the run (issue 24, item 2; the README says why).
/// </summary>
public sealed class StackedNetworks : nn.Module<Tensor, Tensor>
{
    private readonly NetworkSpec _spec;
    private readonly int _k;
    private readonly List<Tensor> _owned = [];
    // Owned, not registered (they are copies for inference, never saved or trained). Per convolution: weight [k·Cout, Cin, kh, kw], bias [k·Cout]; per batch norm: weight, bias, mean, var [k·C].
    private readonly List<(Tensor Weight, Tensor Bias)> _convs = [];
    private readonly List<(Tensor Weight, Tensor Bias, Tensor Mean, Tensor Var)?> _convNorms = [];
    // Per dense layer: weightᵀ [k, in, out], bias [k, 1, out]; the norm after it (all but the last), as [k·out].
    private readonly List<(Tensor WeightT, Tensor Bias)> _dense = [];
    private readonly List<(Tensor Weight, Tensor Bias, Tensor Mean, Tensor Var)?> _denseNorms = [];

    /// <summary>How many networks run as one.</summary>
    public int Count => _k;

    public StackedNetworks(NetworkSpec spec, IReadOnlyList<nn.Module<Tensor, Tensor>> networks) : base("StackedNetworks")
    {
        spec.Validate();
        if (networks.Count < 1) throw new ArgumentException("Stacking needs at least one network.", nameof(networks));
        _spec = spec;
        _k = networks.Count;
        var states = networks.Select(n => n.state_dict()).ToList();
        foreach (var (key, first) in states[0])
            foreach (var other in states.Skip(1))
                if (!other.TryGetValue(key, out var t) || !t.shape.SequenceEqual(first.shape))
                    throw new ArgumentException($"The networks to stack differ at '{key}': stack networks of one spec.", nameof(networks));
        Tensor Cat(string key) => cat(states.Select(s => s.TryGetValue(key, out var t) ? t.detach()
            : throw new ArgumentException($"A network to stack has no '{key}': is it a {spec.ShortName} of this spec?")).ToList(), 0).clone();
        Tensor Stack(string key) => stack(states.Select(s => s[key].detach()).ToList(), 0);
        (Tensor, Tensor, Tensor, Tensor) Norm(string prefix) =>
            (Cat($"{prefix}.weight"), Cat($"{prefix}.bias"), Cat($"{prefix}.running_mean"), Cat($"{prefix}.running_var"));
        using var scope = NewDisposeScope();
        if (spec.Architecture == Architecture.Fc)
        {
            for (int i = 1; i < spec.FcLayers.Count; i++)
                _dense.Add((Own(Stack($"layers.fc{i}.weight").transpose(1, 2).contiguous()),
                    Own(Stack($"layers.fc{i}.bias").unsqueeze(1).contiguous())));
            for (int i = 1; i < spec.FcLayers.Count; i++) _denseNorms.Add(null);
            return;
        }
        bool bn = spec.Architecture == Architecture.CnnBatchNorm;
        for (int i = 1; i <= spec.ConvChannels.Count; i++)
        {
            _convs.Add((Own(Cat($"features.conv{i}.weight")), Own(Cat($"features.conv{i}.bias"))));
            _convNorms.Add(bn ? Keep(Norm($"features.bn{i}")) : null);
        }
        for (int i = 1; i <= spec.DenseLayers.Count; i++)
        {
            _dense.Add((Own(Stack($"classifier.fc{i}.weight").transpose(1, 2).contiguous()),
                Own(Stack($"classifier.fc{i}.bias").unsqueeze(1).contiguous())));
            _denseNorms.Add(bn && i < spec.DenseLayers.Count ? Keep(Norm($"classifier.bn_fc{i}")) : null);
        }
    }

    (Tensor, Tensor, Tensor, Tensor) Keep((Tensor W, Tensor B, Tensor M, Tensor V) n) =>
        (Own(n.W), Own(n.B), Own(n.M), Own(n.V));

    /// <summary>A stacked tensor this module owns: out of every dispose scope, freed with the module.</summary>
    Tensor Own(Tensor t)
    {
        _owned.Add(t.DetachFromDisposeScope());
        return t;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var t in _owned) t.Dispose();
            _owned.Clear();
        }
        base.Dispose(disposing);
    }

    /// <param name="x">[k·B, 1, H, W] (or [k·B, H, W]), network j's rows at [j·B, (j+1)·B).</param>
    /// <returns>Logits [k·B, classes] in the same row order.</returns>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() == 3) x = x.unsqueeze(1);
        long rows = x.shape[0];
        if (rows % _k != 0) throw new ArgumentException($"{rows} rows cannot be split evenly over {_k} stacked networks.");
        long b = rows / _k;
        Tensor h;
        if (_spec.Architecture == Architecture.Fc)
            h = x.reshape(_k, b, -1);
        else
        {
            // [k·B, 1, H, W] → [B, k, H, W]: network j's images become channel j, its convolutions group j.
            h = x.reshape(_k, b, x.shape[2], x.shape[3]).transpose(0, 1);
            for (int i = 0; i < _convs.Count; i++)
            {
                h = nn.functional.conv2d(h, _convs[i].Weight, _convs[i].Bias, padding: [_spec.Padding, _spec.Padding], groups: _k);
                if (_convNorms[i] is var (w, bias, mean, var)) h = nn.functional.batch_norm(h, mean, var, w, bias, false, 0.1, 1e-5);
                h = LayoutMaxPool2d.Pool(nn.functional.relu(h), _spec.PoolSize);
            }
            // [B, k·C, h, w] → [k, B, C·h·w]: each network's features in its own flatten order.
            h = h.reshape(b, _k, -1).transpose(0, 1);
        }
        for (int i = 0; i < _dense.Count; i++)
        {
            // TorchSharp's order: batch1.baddbmm(batch2, input) = input + batch1 @ batch2.
            h = h.baddbmm(_dense[i].WeightT, _dense[i].Bias);
            if (i + 1 == _dense.Count) break;
            if (_denseNorms[i] is var (w, bias, mean, var))
            {
                long f = h.shape[2];
                h = nn.functional.batch_norm(h.transpose(0, 1).reshape(b, _k * f), mean, var, w, bias, false, 0.1, 1e-5)
                    .reshape(b, _k, f).transpose(0, 1);
            }
            h = nn.functional.relu(h);
        }
        return h.reshape(rows, -1);
    }
}
