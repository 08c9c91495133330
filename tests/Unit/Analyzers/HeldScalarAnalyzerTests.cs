using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Repro.Analyzers;

namespace Repro.Unit.Tests.Analyzers;

/// <summary>The analyzer flags every Scalar that libtorch could read after the GC freed it, and nothing held.</summary>
public sealed class HeldScalarAnalyzerTests
{
    static ImmutableArray<Diagnostic> Analyze(string body)
    {
        var source = $$"""
            using System;
            using TorchSharp;
            using static TorchSharp.torch;
            static class Snippet
            {
                static readonly Scalar Field = 1.0.ToScalar();
                static void Run(Tensor a, Tensor b, double lr, optim.Optimizer opt, Scalar passed)
                {
                    {{body}}
                }
            }
            """;
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(x => !x.IsDynamic && x.Location.Length > 0)
            .Select(x => MetadataReference.CreateFromFile(x.Location))
            .Append(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location));
        var compilation = CSharpCompilation.Create("Snippet", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "the snippet does not compile: " + string.Join("; ", errors.Select(e => e.GetMessage())));
        return compilation.WithAnalyzers([new HeldScalarAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData("var c = a.mul(2.0);", "REPRO001")]
    [InlineData("var c = a > 0.5;", "REPRO001")]
    [InlineData("var c = a.clamp_min(lr);", "REPRO001")]
    [InlineData("var s = lr.ToScalar(); var c = a.mul(s);", "REPRO001")]
    [InlineData("var c = a.mul(lr.ToScalar());", "REPRO001")]
    [InlineData("var c = a * 2.0;", "REPRO002")]
    [InlineData("var c = 1.0 - a;", "REPRO002")]
    [InlineData("var c = a + b;", "REPRO002")]
    [InlineData("a.add_(b);", "REPRO002")]
    [InlineData("var c = a.addcdiv(a, b);", "REPRO002")]
    [InlineData("var c = a.square();", "REPRO002")]
    [InlineData("opt.step();", "REPRO002")]
    [InlineData("using var bn = nn.BatchNorm2d(3);", "REPRO002")]
    [InlineData("var c = a + passed;", "REPRO002")]
    [InlineData("var c = torch.add(a, b);", "REPRO002")]
    [InlineData("Func<Tensor, Tensor, Tensor> f = torch.add; var c = f(a, b);", "REPRO002")]
    [InlineData("var c = torch.normal(0.0, 1.0, new long[] { 3 });", "REPRO002")]
    public void Given_a_Scalar_made_for_one_call_When_analyzed_Then_it_is_an_error_with_its_rule(string body, string rule)
    {
        var found = Analyze(body);
        Assert.True(found.Any(d => d.Id == rule && d.Severity == DiagnosticSeverity.Error),
            $"expected {rule} for `{body}`, got: {string.Join("; ", found.Select(d => $"{d.Id} {d.GetMessage()}"))}");
    }

    [Theory]
    [InlineData("using var s = lr.ToScalar(); var c = a.mul(s);")]
    [InlineData("using (var s = lr.ToScalar()) { var c = a.mul(s); }")]
    [InlineData("var c = a.add(b, Field);")]
    [InlineData("var c = a.add(b, passed);")]
    [InlineData("var c = a - b; var d = a.mul(b); var e = a > passed;")]
    [InlineData("var c = a.pow(passed).sum();")]
    public void Given_Scalars_held_by_a_using_local_a_field_or_the_caller_When_analyzed_Then_nothing_is_reported(string body)
    {
        var found = Analyze(body);
        Assert.True(found.IsEmpty, $"`{body}`: {string.Join("; ", found.Select(d => $"{d.Id} {d.GetMessage()}"))}");
    }
}
